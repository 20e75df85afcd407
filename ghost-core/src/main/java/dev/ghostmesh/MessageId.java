package dev.ghostmesh;

import static dev.ghostmesh.internal.Bytes.readLong;
import static dev.ghostmesh.internal.Bytes.writeLong;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;

/**
 * The 16-byte identifier of one message, random per message; the flood router's seen cache is
 * keyed by it. Immutable and thread-safe.
 *
 * @param high the first 8 bytes, big-endian
 * @param low the last 8 bytes, big-endian
 */
public record MessageId(long high, long low) {
    /** Length of a message id in bytes. */
    public static final int LENGTH = 16;

    /** A fresh id drawn from {@code random}. Callable from any thread if {@code random} is. */
    public static MessageId random(Random random) {
        return new MessageId(random.nextLong(), random.nextLong());
    }

    /** A fresh id from a new {@link SecureRandom}; prefer {@link #random(Random)} on hot paths. */
    public static MessageId random() {
        return random(new SecureRandom());
    }

    /** Reads 16 bytes at {@code offset}. */
    public static MessageId of(byte[] bytes, int offset) {
        return new MessageId(readLong(bytes, offset), readLong(bytes, offset + 8));
    }

    /** Writes the 16 bytes into {@code target} at {@code offset}. */
    public void writeTo(byte[] target, int offset) {
        writeLong(target, offset, high);
        writeLong(target, offset + 8, low);
    }

    /** 32 lowercase hex digits. */
    public String hex() {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }

    @Override
    public String toString() {
        return hex();
    }
}
