package dev.ghostmesh.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds a {@link MessageStore} keeps to. Immutable and thread-safe.
 *
 * @param maxMessages entries in all, at least 1
 * @param maxBytes the entries' {@code HistoryEntry.size()} in all, at least one entry's worth
 * @param maxPerSender entries from one sender, 1..{@code maxMessages}
 * @param maxAge how long an entry is kept after it was received, positive
 */
public record StoreLimits(int maxMessages, long maxBytes, int maxPerSender, Duration maxAge) {
    /**
     * The in-memory default: 10,000 messages, 8 MiB, 1,000 per sender, 30 days. Enough for a
     * chat session's scrollback; a person reads no more than that without a file behind it.
     */
    public static final StoreLimits MEMORY_DEFAULT = new StoreLimits(10_000, 8L << 20, 1_000,
            Duration.ofDays(30));

    /**
     * The default of a store on disk: 200,000 messages, 128 MiB, 20,000 per sender, 90 days. A
     * busy event mesh (a few messages a second, all day) stays within it for weeks; one sender
     * can take a tenth of it, so ten flooding identities are needed to push out everyone else.
     */
    public static final StoreLimits DISK_DEFAULT = new StoreLimits(200_000, 128L << 20, 20_000,
            Duration.ofDays(90));

    /** Checks the values. */
    public StoreLimits {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxMessages < 1 || maxPerSender < 1 || maxPerSender > maxMessages
                || maxBytes < 1024 * 64 || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("invalid store limits: " + maxMessages
                    + " messages, " + maxBytes + " bytes (at least 65,536), " + maxPerSender
                    + " per sender, " + maxAge);
        }
    }
}
