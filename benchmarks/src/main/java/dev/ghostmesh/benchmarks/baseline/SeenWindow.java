package dev.ghostmesh.benchmarks.baseline;

import java.util.Arrays;

/**
 * The flood dedup of one relay: which message ids it has already taken, as one bit per id over
 * the {@value #IDS} ids up to the highest one seen. Older ids count as seen. With one source and
 * FIFO links a relay first hears of ids in increasing order, so the window only has to absorb
 * the reordering of redundant copies, never a real gap; 8 KiB per relay, no allocation.
 *
 * <p>Threading: confined to the loop thread of its relay.
 */
final class SeenWindow {
    static final int IDS = 1 << 16;
    private static final int MASK = IDS - 1;

    private final long[] words = new long[IDS / Long.SIZE];
    private long highest = -1;

    /** True the first time {@code id} (a non-negative counter) is offered. */
    boolean firstSight(long id) {
        if (id > highest) {
            // The slots between the old and the new highest still hold ids IDS older: forget them.
            if (id - highest >= IDS) {
                Arrays.fill(words, 0L);
            } else {
                for (long k = highest + 1; k < id; k++) {
                    words[slotWord(k)] &= ~(1L << k);
                }
            }
            highest = id;
            words[slotWord(id)] |= 1L << id;
            return true;
        }
        if (id < 0 || highest - id >= IDS) {
            return false;
        }
        int word = slotWord(id);
        long bit = 1L << id; // Java shifts by id mod 64: the bit of id inside its word.
        if ((words[word] & bit) != 0) {
            return false;
        }
        words[word] |= bit;
        return true;
    }

    private static int slotWord(long id) {
        return (int) (id & MASK) >>> 6;
    }
}
