package dev.ghostmesh;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one published message travels: how far, for how long, and whether a newer one supersedes
 * it. Immutable and thread-safe; each setter returns a new value:
 * {@code PublishOptions.defaults().hopLimit(3).latestKey("player-7")}.
 */
public final class PublishOptions {
    private static final PublishOptions DEFAULTS = new PublishOptions(0, null, "");
    /** Highest hop limit, as for the node's own {@code ttl}. */
    public static final int MAX_HOP_LIMIT = 64;
    /** Longest latest-value key, in bytes of UTF-8. */
    public static final int MAX_KEY_BYTES = 128;

    private final int hopLimit;
    private final Duration expiresAfter;
    private final String latestKey;

    private PublishOptions(int hopLimit, Duration expiresAfter, String latestKey) {
        this.hopLimit = hopLimit;
        this.expiresAfter = expiresAfter;
        this.latestKey = latestKey;
    }

    /** The node's default hop limit, no expiry, no key. */
    public static PublishOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Links the message may cross (1 = direct peers only), instead of the node's {@code ttl}.
     *
     * @throws IllegalArgumentException unless 1..{@value #MAX_HOP_LIMIT}
     */
    public PublishOptions hopLimit(int hops) {
        if (hops < 1 || hops > MAX_HOP_LIMIT) {
            throw new IllegalArgumentException("hop limit " + hops + " is outside 1.."
                    + MAX_HOP_LIMIT);
        }
        return new PublishOptions(hops, expiresAfter, latestKey);
    }

    /**
     * After this long (by the publisher's clock, carried in the message) nodes neither deliver
     * nor relay it: a reading nobody got in time is not worth sending on.
     *
     * @throws IllegalArgumentException unless positive
     */
    public PublishOptions expiresAfter(Duration lifetime) {
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a lifetime must be positive: " + lifetime);
        }
        return new PublishOptions(hopLimit, lifetime, latestKey);
    }

    /**
     * Makes the message a "latest value": a newer message from the same node, on the same
     * topic with the same key, supersedes it while it is still queued (here before sending, or
     * at a subscriber before its handler ran), and a subscriber never gets an older value after
     * a newer one. For position updates and sensor readings.
     *
     * @throws IllegalArgumentException if the key is empty or over {@value #MAX_KEY_BYTES}
     *     bytes of UTF-8
     */
    public PublishOptions latestKey(String key) {
        Objects.requireNonNull(key, "key");
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("a latest-value key is 1.." + MAX_KEY_BYTES
                    + " bytes of UTF-8; this one is " + bytes);
        }
        return new PublishOptions(hopLimit, expiresAfter, key);
    }

    /** The hop limit, or empty for the node's {@code ttl}. */
    public Optional<Integer> hopLimit() {
        return hopLimit == 0 ? Optional.empty() : Optional.of(hopLimit);
    }

    /** The lifetime, if the message expires. */
    public Optional<Duration> expiresAfter() {
        return Optional.ofNullable(expiresAfter);
    }

    /** The latest-value key, if any. */
    public Optional<String> latestKey() {
        return latestKey.isEmpty() ? Optional.empty() : Optional.of(latestKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublishOptions p && hopLimit == p.hopLimit
                && Objects.equals(expiresAfter, p.expiresAfter) && latestKey.equals(p.latestKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hopLimit, expiresAfter, latestKey);
    }

    @Override
    public String toString() {
        return "PublishOptions[hopLimit=" + (hopLimit == 0 ? "default" : hopLimit)
                + ", expiresAfter=" + expiresAfter + ", latestKey=" + latestKey + "]";
    }
}
