package dev.ghostmesh.internal.messaging;

import java.util.function.LongSupplier;

/**
 * This node's packet sequence numbers: {@code (epochMillis << 20) | counter}. The epoch is the
 * wall clock when the node signs its first packet (its first announce, at start), the counter
 * counts packets from 0; when the counter would pass 20 bits the epoch becomes
 * {@code max(now, epoch + 1)} and the counter restarts. Numbers are therefore strictly
 * increasing and dense within a run (receivers' replay windows see no gaps), and a node
 * restarted later starts above everything its previous run sent, so receivers accept its new
 * packets and still refuse the old ones.
 *
 * <p>If the clock is set back across a restart, the new run's numbers are below the old run's
 * and receivers that still remember this origin refuse its messages as replays until they
 * forget it (their tables are bounded, least recently used first) or the clock catches up. 43
 * bits of epoch keep the number positive until the year 2248.
 *
 * <p>Threading: confined to the node thread.
 */
public final class SequenceSource {
    public static final int COUNTER_BITS = 20;
    private static final long COUNTER_LIMIT = 1L << COUNTER_BITS;

    private final LongSupplier wallClockMillis;
    private long epochMillis = -1;
    private long counter;

    SequenceSource(LongSupplier wallClockMillis) {
        this.wallClockMillis = wallClockMillis;
    }

    /** The next sequence number. */
    long next() {
        if (epochMillis < 0) {
            epochMillis = Math.max(0, wallClockMillis.getAsLong());
        } else if (counter == COUNTER_LIMIT) {
            epochMillis = Math.max(wallClockMillis.getAsLong(), epochMillis + 1);
            counter = 0;
        }
        return (epochMillis << COUNTER_BITS) | counter++;
    }
}
