package dev.ghostmesh.internal.router;

import dev.ghostmesh.NodeId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-origin anti-replay windows over origin sequence numbers, in the style of IPsec and
 * WireGuard: for each origin, the highest sequence number accepted and a bitmap of the
 * {@value #WINDOW_BITS} numbers below it. A number above the highest is accepted and slides the
 * window up; one inside the window is accepted once; one below the window, or seen before, is a
 * replay. The seen cache forgets ids after minutes; this keeps a replayed message out for as long
 * as its origin stays in the table.
 *
 * <p>A node restarted later starts a new run whose numbers are all above its previous run's (see
 * {@code SequenceSource}), so the first packet of a new run simply slides every old number out.
 * Packets from one origin can overtake each other on different paths; up to
 * {@value #WINDOW_BITS} numbers of reordering are tolerated.
 *
 * <p>The table is bounded: at most {@code maxOrigins} origins, least recently used evicted. An
 * evicted origin starts afresh on its next packet, so messages replayed after that are caught
 * only by the seen cache and the age bound; the bound is what keeps a flood of made-up origins
 * from growing the table without limit. Each origin costs one {@code long[17]}; a check for a
 * known origin allocates nothing.
 *
 * <p>Threading: not thread-safe; owned by the node thread.
 */
public final class ReplayWindow {
    /** How many sequence numbers below the highest are remembered one by one. */
    public static final int WINDOW_BITS = 1024;
    private static final int WORDS = WINDOW_BITS / Long.SIZE;
    /** state[0] is the highest accepted number; bit b of state[1..] is "highest - 1 - b seen". */
    private static final int HIGHEST = 0;

    private final int maxOrigins;
    private final LinkedHashMap<NodeId, long[]> origins;
    /** The state of the origin evicted last, reused for the next new origin. */
    private long[] spare;

    /** A table of at most {@code maxOrigins} origins. */
    public ReplayWindow(int maxOrigins) {
        if (maxOrigins < 1) {
            throw new IllegalArgumentException("maxOrigins " + maxOrigins);
        }
        this.maxOrigins = maxOrigins;
        this.origins = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<NodeId, long[]> eldest) {
                if (size() <= ReplayWindow.this.maxOrigins) {
                    return false;
                }
                spare = eldest.getValue();
                return true;
            }
        };
    }

    /**
     * Records {@code seq} from {@code origin} and returns true if it was not seen before (and is
     * not below the window); returns false, changing nothing, for a replay. Call only for packets
     * whose signature verified, so a forger cannot move anyone's window.
     */
    public boolean accept(NodeId origin, long seq) {
        long[] state = origins.get(origin);
        if (state == null) {
            state = spare != null ? spare : new long[1 + WORDS];
            spare = null;
            Arrays.fill(state, 0L);
            state[HIGHEST] = seq;
            origins.put(origin, state);
            return true;
        }
        long highest = state[HIGHEST];
        if (seq > highest) {
            slide(state, seq - highest);
            state[HIGHEST] = seq;
            return true;
        }
        long behind = highest - seq;
        if (behind == 0 || behind > WINDOW_BITS) {
            return false;
        }
        int bit = (int) (behind - 1);
        int word = 1 + (bit >>> 6);
        long mask = 1L << (bit & 63);
        if ((state[word] & mask) != 0) {
            return false;
        }
        state[word] |= mask;
        return true;
    }

    /** Origins in the table. */
    public int size() {
        return origins.size();
    }

    /**
     * Moves the bitmap up by {@code distance} as the highest number advances, and marks the old
     * highest (now {@code distance} below the new one) as seen.
     */
    private static void slide(long[] state, long distance) {
        if (distance > WINDOW_BITS) {
            Arrays.fill(state, 1, 1 + WORDS, 0L);
            return;
        }
        int wordShift = (int) (distance >>> 6);
        int bitShift = (int) (distance & 63);
        // From the top down, so every word is read before it is overwritten.
        for (int i = WORDS - 1; i >= 0; i--) {
            int from = i - wordShift;
            long v = 0;
            if (from >= 0) {
                v = state[1 + from] << bitShift;
                if (bitShift != 0 && from > 0) {
                    v |= state[1 + from - 1] >>> (Long.SIZE - bitShift);
                }
            }
            state[1 + i] = v;
        }
        int oldHighest = (int) (distance - 1);
        state[1 + (oldHighest >>> 6)] |= 1L << (oldHighest & 63);
    }
}
