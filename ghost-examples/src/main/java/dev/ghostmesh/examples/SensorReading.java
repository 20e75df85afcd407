package dev.ghostmesh.examples;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One reading of one sensor, as the {@link IotGateway} publishes it on
 * {@code sensors/<gateway>/<quantity>}: 12 bytes (the sequence number as a long, the value as a
 * float, big-endian). Which sensor and unit is in the topic; when it was taken is the message's
 * own timestamp ({@link dev.ghostmesh.Delivery#sentAt()}), so the payload carries neither.
 *
 * <p>Threading: an immutable value; any thread.
 *
 * @param seq the gateway's reading number, from 1
 * @param value in the quantity's unit
 */
record SensorReading(long seq, float value) {
    static final int SIZE = Long.BYTES + Float.BYTES;
    /** What a gateway's name must be to name its topics: one topic segment. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** What the gateway measures; each quantity has its own topic. */
    enum Quantity {
        TEMPERATURE("temperature", "C"), HUMIDITY("humidity", "%");

        final String key;
        final String unit;

        Quantity(String key, String unit) {
            this.key = key;
            this.unit = unit;
        }
    }

    /** The topic a gateway publishes {@code quantity} on: {@code sensors/gw/temperature}. */
    static String topic(String gateway, Quantity quantity) {
        if (!SEGMENT.matcher(gateway).matches()) {
            throw new IllegalArgumentException("a gateway name must be 1-64 of A-Z a-z 0-9 . _ -"
                    + " (it names the topics), not '" + IotGateway.printable(gateway) + "'");
        }
        return "sensors/" + gateway + "/" + quantity.key;
    }

    /** The bytes of the reading. */
    byte[] encode() {
        return ByteBuffer.allocate(SIZE).putLong(seq).putFloat(value).array();
    }

    /**
     * Reads a reading from a payload.
     *
     * @throws IllegalArgumentException if it is not {@value #SIZE} bytes
     */
    static SensorReading decode(ByteBuffer payload) {
        if (payload.remaining() != SIZE) {
            throw new IllegalArgumentException("a reading is " + SIZE + " bytes, not "
                    + payload.remaining());
        }
        return new SensorReading(payload.getLong(), payload.getFloat());
    }

    /** {@code seq=3 20.9 C}. */
    String format(Quantity quantity) {
        return String.format(Locale.ROOT, "seq=%d %.1f %s", seq, value, quantity.unit);
    }
}
