package dev.ghostmesh;

import java.time.Instant;
import java.util.Objects;

/**
 * One message a node showed (or sent), as its history keeps it. Immutable and thread-safe.
 *
 * @param message the message as it was shown
 * @param receivedAt this node's clock when it showed the message (for its own, when sent)
 * @param late true if it arrived by catch-up after the mesh healed, not as it was sent
 */
public record HistoryEntry(Message message, Instant receivedAt, boolean late) {
    /** Checks that nothing is null. */
    public HistoryEntry {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** What the entry costs a store's byte bound: the text in UTF-8 plus a fixed overhead. */
    public long size() {
        return OVERHEAD_BYTES + TextSize.utf8Length(message.text());
    }

    /** The fixed part of {@link #size()}: ids, names, times, kind. */
    public static final int OVERHEAD_BYTES = 128;
}
