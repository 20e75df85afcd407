package dev.ghostmesh.transport.tcp;

import java.net.ProtocolException;
import java.nio.ByteBuffer;

/**
 * Splits a TCP byte stream into frames (4-byte big-endian length, then that many bytes), across
 * arbitrary read boundaries: a frame may arrive one byte per read, or many frames in one read.
 *
 * <p>Threading: confined to the I/O thread of its link.
 */
final class FrameDecoder {
    /** Receives each complete frame; the array is fresh and belongs to the receiver. */
    interface Sink {
        void onFrame(byte[] frame);
    }

    static final int HEADER_BYTES = 4;

    private final int maxFrameSize;
    private int headerBytes;
    private int declared;
    private byte[] payload;
    private int filled;

    FrameDecoder(int maxFrameSize) {
        if (maxFrameSize < 1) {
            throw new IllegalArgumentException("maxFrameSize must be positive: " + maxFrameSize);
        }
        this.maxFrameSize = maxFrameSize;
    }

    /**
     * Consumes all of {@code in}, handing every completed frame to {@code sink}. Frames completed
     * before a bad length prefix are still handed over, so the caller sees them in order.
     *
     * @throws ProtocolException if a declared length is 0 or above the limit; the stream is then
     *     unusable, since there is no way to find the next frame boundary
     */
    void decode(ByteBuffer in, Sink sink) throws ProtocolException {
        while (in.hasRemaining()) {
            if (payload == null) {
                while (headerBytes < HEADER_BYTES && in.hasRemaining()) {
                    declared = (declared << 8) | (in.get() & 0xFF);
                    headerBytes++;
                }
                if (headerBytes < HEADER_BYTES) {
                    return;
                }
                int length = declared;
                headerBytes = 0;
                declared = 0;
                // Checked before allocating: a hostile 4-byte prefix must never cost gigabytes.
                payload = new byte[checkedLength(length)];
                filled = 0;
            }
            int n = Math.min(in.remaining(), payload.length - filled);
            in.get(payload, filled, n);
            filled += n;
            if (filled == payload.length) {
                byte[] frame = payload;
                payload = null;
                sink.onFrame(frame);
            }
        }
    }

    /** True if part of a frame (even one byte of its length prefix) awaits the rest. */
    boolean midFrame() {
        return headerBytes > 0 || payload != null;
    }

    private int checkedLength(int declaredLength) throws ProtocolException {
        if (declaredLength == 0) {
            throw new ProtocolException("frame of 0 bytes is invalid: frames carry at least 1 byte");
        }
        // Unsigned, so a prefix with the top bit set reads as the huge size it claims.
        long length = Integer.toUnsignedLong(declaredLength);
        if (length > maxFrameSize) {
            throw new ProtocolException("frame of " + length + " bytes exceeds the "
                    + maxFrameSize + "-byte limit");
        }
        return (int) length;
    }
}
