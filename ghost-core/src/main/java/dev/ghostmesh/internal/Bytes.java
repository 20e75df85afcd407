package dev.ghostmesh.internal;

/** Big-endian helpers for the 16-byte ids, kept allocation-free for the routing hot path. */
public final class Bytes {
    private Bytes() {}

    /** Reads a big-endian long at {@code off}. */
    public static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    /** Writes {@code v} big-endian at {@code off}. */
    public static void writeLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
