package dev.ghostmesh.transport.tcp;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of one {@link TcpTransport}, snapshotted by its builder; the builder's javadoc
 * gives each default and the reason for it.
 *
 * <p>Threading: immutable; shared freely.
 */
record TcpSettings(Duration connectTimeout, int maxQueuedBytesPerLink, Duration closeFlushTimeout,
        Duration frameTimeout, Duration writeStallTimeout, int maxConnections) {
    private static final long MIN_SWEEP_NANOS = Duration.ofMillis(10).toNanos();
    private static final long MAX_SWEEP_NANOS = Duration.ofSeconds(1).toNanos();

    TcpSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(frameTimeout, "frameTimeout");
        requirePositive(writeStallTimeout, "writeStallTimeout");
        Objects.requireNonNull(closeFlushTimeout, "closeFlushTimeout");
        if (closeFlushTimeout.isNegative()) {
            throw new IllegalArgumentException("closeFlushTimeout must not be negative");
        }
        if (maxQueuedBytesPerLink < 1) {
            throw new IllegalArgumentException("maxQueuedBytesPerLink must be positive: "
                    + maxQueuedBytesPerLink);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive: "
                    + maxConnections);
        }
    }

    /**
     * How often the I/O loop looks for links past their frame or write-stall deadline: once a
     * second, or a quarter of the shorter deadline if that is smaller, so a deadline is enforced
     * at most 25% late without a timer per link.
     */
    long sweepNanos() {
        long shorter = Math.min(frameTimeout.toNanos(), writeStallTimeout.toNanos());
        return Math.max(MIN_SWEEP_NANOS, Math.min(MAX_SWEEP_NANOS, shorter / 4));
    }

    /** {@code 10 s} or {@code 1500 ms}: how durations read in link-down causes. */
    static String describe(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
