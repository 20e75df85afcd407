package dev.ghostmesh.benchmarks;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import java.util.Random;

/** Signed chat frames for benchmarks: the 100-byte broadcast every figure refers to. */
final class Frames {
    /** The chat text of every benchmark message: 100 bytes of ASCII. */
    static final String TEXT_100 = "x".repeat(100);
    static final long TIMESTAMP = 1_780_000_000_000L;

    private Frames() {}

    /**
     * {@code count} distinct signed 100-byte broadcasts from {@code origin}, with sequence
     * numbers 0 to {@code count - 1} as one run of a node would number them.
     */
    static byte[][] broadcasts(Identity origin, int count, long seed) {
        Random random = new Random(seed);
        byte[] body = Bodies.broadcast(TEXT_100);
        byte[][] frames = new byte[count][];
        for (int i = 0; i < count; i++) {
            frames[i] = PacketCodec.encode(origin, PacketType.BROADCAST, MessageId.random(random),
                    16, TIMESTAMP, i, body);
        }
        return frames;
    }
}
