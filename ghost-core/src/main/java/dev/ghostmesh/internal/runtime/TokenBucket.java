package dev.ghostmesh.internal.runtime;

/**
 * A token bucket on the monotonic clock: {@code rate} tokens per second, at most {@code burst}
 * saved up. Used for per-link and per-origin rate limits.
 *
 * <p>Threading: not thread-safe; confined to the node thread.
 */
public final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    public TokenBucket(double ratePerSecond, double burst, long nowNanos) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if there is one. */
    public boolean tryTake(long nowNanos) {
        return tryTake(nowNanos, 1);
    }

    /** Takes {@code n} tokens if there are that many. */
    public boolean tryTake(long nowNanos, double n) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * ratePerNano);
            lastNanos = nowNanos;
        }
        if (tokens >= n) {
            tokens -= n;
            return true;
        }
        return false;
    }
}
