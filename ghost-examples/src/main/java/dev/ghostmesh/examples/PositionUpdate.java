package dev.ghostmesh.examples;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A player's position at one tick of play, as the {@link GameLoopExample} sends it on
 * {@link #TOPIC}: 12 bytes (the tick as an int, x and y as floats, big-endian), not text, since
 * every player sends one per tick and every other player decodes each one it gets.
 *
 * <p>Threading: an immutable value; any thread.
 *
 * @param tick the tick of play the position is for
 * @param x metres east of the map's centre
 * @param y metres north of it
 */
record PositionUpdate(int tick, float x, float y) {
    static final String TOPIC = "game/positions";
    static final int SIZE = Integer.BYTES + 2 * Float.BYTES;
    /**
     * How long an update is worth anything: a position this old is not worth drawing, so the
     * mesh drops it rather than deliver or relay it late.
     */
    static final Duration LIFETIME = Duration.ofMillis(500);

    /** The bytes of the update. */
    byte[] encode() {
        return ByteBuffer.allocate(SIZE).putInt(tick).putFloat(x).putFloat(y).array();
    }

    /**
     * Reads an update from a payload.
     *
     * @throws IllegalArgumentException if it is not {@value #SIZE} bytes
     */
    static PositionUpdate decode(ByteBuffer payload) {
        if (payload.remaining() != SIZE) {
            throw new IllegalArgumentException("a position update is " + SIZE + " bytes, not "
                    + payload.remaining());
        }
        return new PositionUpdate(payload.getInt(), payload.getFloat(), payload.getFloat());
    }

    /**
     * Where scripted bot {@code player} is at {@code tick}: circling its team's base, red's
     * west of the centre and blue's east. StrictMath, so that a receiver can recompute exactly
     * what a sender sent.
     */
    static PositionUpdate of(int player, int tick) {
        double baseX = player % 2 == 0 ? -20 : 20;
        double radius = 4 + player;
        double angle = player + tick * 0.1;
        return new PositionUpdate(tick, (float) (baseX + radius * StrictMath.cos(angle)),
                (float) (radius * StrictMath.sin(angle)));
    }
}
