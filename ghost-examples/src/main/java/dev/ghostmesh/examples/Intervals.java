package dev.ghostmesh.examples;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The IoT examples' intervals and timeouts, in seconds as people type them ({@code 2},
 * {@code 0.5}) and within 0.1-3600 s.
 *
 * <p>Threading: stateless; any thread.
 */
final class Intervals {
    static final Duration MIN = Duration.ofMillis(100);
    static final Duration MAX = Duration.ofHours(1);

    private Intervals() {}

    /**
     * Parses a reading interval in seconds ({@code 2}, {@code 0.5}).
     *
     * @throws IllegalArgumentException with a user-facing message if it is not 0.1-3600 s
     */
    static Duration parse(String seconds) {
        Duration parsed;
        try {
            parsed = Duration.ofMillis(new BigDecimal(seconds).movePointRight(3)
                    .longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("interval must be seconds (up to 3 decimals),"
                    + " not '" + IotGateway.printable(seconds) + "'");
        }
        return check(parsed);
    }

    /**
     * Returns {@code interval} if it is 0.1-3600 s.
     *
     * @throws IllegalArgumentException with a user-facing message otherwise
     */
    static Duration check(Duration interval) {
        if (interval.compareTo(MIN) < 0 || interval.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("interval must be 0.1-3600 s, not "
                    + seconds(interval) + " s");
        }
        return interval;
    }

    /** {@code 0.5}, {@code 2}, {@code 3600}: how the examples print a duration in seconds. */
    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros()
                .toPlainString();
    }
}
