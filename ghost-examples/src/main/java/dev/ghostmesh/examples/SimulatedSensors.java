package dev.ghostmesh.examples;

import java.util.SplittableRandom;

/**
 * Stand-in for the gateway's real sensors: temperature and humidity that drift in small random
 * steps within plausible bounds.
 *
 * <p>Threading: not thread-safe; the gateway's thread owns it.
 */
final class SimulatedSensors {
    /**
     * One reading of both sensors.
     *
     * @param seq the reading's number, from 1
     */
    record Sample(long seq, float temperatureC, float humidityPercent) {
        SensorReading of(SensorReading.Quantity quantity) {
            return new SensorReading(seq, quantity == SensorReading.Quantity.TEMPERATURE
                    ? temperatureC : humidityPercent);
        }
    }

    private final SplittableRandom random = new SplittableRandom();
    private double temperatureC = 21.0;
    private double humidityPercent = 45.0;
    private long sequence;

    /** Takes the next reading. */
    Sample read() {
        temperatureC = clamp(temperatureC + random.nextDouble(-0.3, 0.3), -20, 50);
        humidityPercent = clamp(humidityPercent + random.nextDouble(-1, 1), 5, 95);
        sequence++;
        return new Sample(sequence, (float) temperatureC, (float) humidityPercent);
    }

    /** Readings taken so far. */
    long count() {
        return sequence;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
