package dev.ghostmesh.examples;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Stand-in for the gateway's real sensors: temperature and humidity that drift in small random
 * steps within plausible bounds.
 *
 * <p>Threading: not thread-safe; the gateway's thread owns it.
 */
final class SimulatedSensors {
    private final SplittableRandom random = new SplittableRandom();
    private double temperatureC = 21.0;
    private double humidityPercent = 45.0;
    private long sequence;

    /** The next reading, as the text published to the group. */
    String read() {
        temperatureC = clamp(temperatureC + random.nextDouble(-0.3, 0.3), -20, 50);
        humidityPercent = clamp(humidityPercent + random.nextDouble(-1, 1), 5, 95);
        sequence++;
        return String.format(Locale.ROOT, "seq=%d temperature=%.1fC humidity=%.1f%%", sequence,
                temperatureC, humidityPercent);
    }

    /** Readings taken so far. */
    long count() {
        return sequence;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
