package dev.ghostmesh.benchmarks.baseline;

import java.util.Arrays;

/**
 * One latency per measured message delivered at the farthest relay, in a preallocated array
 * sorted once at the end (nearest-rank percentiles).
 *
 * <p>Threading: written by the farthest relay's loop thread; read after that thread was joined.
 */
final class LatencyLog {
    private final long[] nanos;
    private int count;

    LatencyLog(int capacity) {
        nanos = new long[capacity];
    }

    void record(long latencyNanos) {
        if (count < nanos.length) {
            nanos[count++] = latencyNanos;
        }
    }

    int count() {
        return count;
    }

    /** Sorts in place; call once, after the run. Returns {p50, p99, max}, zeros if empty. */
    long[] percentiles() {
        if (count == 0) {
            return new long[3];
        }
        Arrays.sort(nanos, 0, count);
        return new long[] {rank(0.50), rank(0.99), nanos[count - 1]};
    }

    private long rank(double fraction) {
        int index = (int) Math.ceil(fraction * count) - 1;
        return nanos[Math.max(0, index)];
    }
}
