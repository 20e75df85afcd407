package dev.ghostmesh.internal.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.NodeId;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {
    private static final NodeId ALICE = Identity.generate().id();
    private static final NodeId BOB = Identity.generate().id();
    private static final NodeId CAROL = Identity.generate().id();
    private static final int W = ReplayWindow.WINDOW_BITS;
    /** A run's epoch, as SequenceSource makes it: the start time in milliseconds. */
    private static final long EPOCH = 1_780_000_000_000L;

    private static long seq(long epochMillis, long counter) {
        return (epochMillis << 20) | counter;
    }

    private final ReplayWindow window = new ReplayWindow(16);

    @Test
    void numbersInOrderAreAcceptedOnceEach() {
        for (long c = 0; c < 3 * W; c++) {
            assertTrue(window.accept(ALICE, seq(EPOCH, c)), "first time " + c);
        }
        for (long c = 0; c < 3 * W; c++) {
            assertFalse(window.accept(ALICE, seq(EPOCH, c)), "again " + c);
        }
    }

    @Test
    void numbersOvertakenWithinTheWindowAreAcceptedOnce() {
        assertTrue(window.accept(ALICE, seq(EPOCH, 2000)));
        for (long c = 1999; c >= 2000 - W; c--) {
            assertTrue(window.accept(ALICE, seq(EPOCH, c)), "late " + c);
        }
        for (long c = 2000 - W; c <= 2000; c++) {
            assertFalse(window.accept(ALICE, seq(EPOCH, c)), "replayed " + c);
        }
    }

    @Test
    void theHighestItselfIsADuplicate() {
        assertTrue(window.accept(ALICE, 7));
        assertFalse(window.accept(ALICE, 7));
        assertTrue(window.accept(ALICE, 8));
        assertFalse(window.accept(ALICE, 7), "the old highest is remembered after the slide");
    }

    @Test
    void numbersBelowTheWindowAreRefusedEvenIfNeverSeen() {
        assertTrue(window.accept(ALICE, 5000));
        assertFalse(window.accept(ALICE, 5000 - W - 1), "just below the window");
        assertTrue(window.accept(ALICE, 5000 - W), "the window's lowest number");
        assertFalse(window.accept(ALICE, 0));
    }

    @Test
    void aNewRunSlidesTheOldRunOutOfTheWindow() {
        for (long c = 0; c < 100; c++) {
            assertTrue(window.accept(ALICE, seq(EPOCH, c)));
        }
        long restart = EPOCH + 60_000;
        assertTrue(window.accept(ALICE, seq(restart, 0)), "restarted node's first packet");
        assertTrue(window.accept(ALICE, seq(restart, 1)));
        assertFalse(window.accept(ALICE, seq(EPOCH, 50)), "old run's packet replayed");
        assertFalse(window.accept(ALICE, seq(EPOCH, 100)), "old run's numbers are all spent");
    }

    @Test
    void aCounterOverflowWithinOneRunKeepsTheWindowDense() {
        long last = seq(EPOCH, (1 << 20) - 1);
        long next = seq(EPOCH + 1, 0);
        assertEquals(last + 1, next, "an overflow to epoch + 1 continues the numbering");
        assertTrue(window.accept(ALICE, next));
        assertTrue(window.accept(ALICE, last), "overtaken across the overflow");
        assertFalse(window.accept(ALICE, last));
    }

    @Test
    void originsHaveSeparateWindows() {
        assertTrue(window.accept(ALICE, 100));
        assertTrue(window.accept(BOB, 100));
        assertTrue(window.accept(BOB, 1_000_000));
        assertTrue(window.accept(ALICE, 99), "bob's slide does not move alice's window");
    }

    @Test
    void theTableIsBoundedAndEvictsTheLeastRecentlyUsedOrigin() {
        ReplayWindow two = new ReplayWindow(2);
        assertTrue(two.accept(ALICE, 10));
        assertTrue(two.accept(BOB, 10));
        assertTrue(two.accept(ALICE, 11)); // alice is now the most recently used
        assertTrue(two.accept(CAROL, 10));
        assertEquals(2, two.size());
        assertFalse(two.accept(ALICE, 10), "alice was kept");
        assertFalse(two.accept(CAROL, 10), "carol was added");
        assertTrue(two.accept(BOB, 10), "bob was evicted, so his number is new again");
        assertEquals(2, two.size());
    }

    @Test
    void agreesWithAReferenceModelUnderRandomReorderingAndJumps() {
        // The multi-word slide is easy to get subtly wrong: compare with a set-based model over
        // distances of every size, including exact multiples of 64 and the window edge.
        Random random = new Random(11);
        Set<Long> accepted = new HashSet<>();
        long highest = -1;
        long base = 1_000;
        for (int i = 0; i < 300_000; i++) {
            long s;
            int kind = random.nextInt(10);
            if (kind < 6) {
                s = Math.max(0, highest - random.nextInt(W + 80)); // at or below, around the edge
            } else if (kind < 9) {
                s = highest + 1 + random.nextInt(130); // small slides, across word boundaries
            } else {
                s = highest + 64L * (1 + random.nextInt(20)) + random.nextInt(2); // word jumps
            }
            s += highest < 0 ? base : 0;
            boolean expected = highest < 0 || s > highest
                    || (highest - s <= W && !accepted.contains(s));
            assertEquals(expected, window.accept(ALICE, s), "step " + i + ", seq " + s
                    + ", highest " + highest);
            if (expected) {
                accepted.add(s);
                highest = Math.max(highest, s);
            }
        }
    }

    @Test
    void checkingAKnownOriginAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ReplayWindow big = new ReplayWindow(4096);
        NodeId[] origins = new NodeId[64];
        for (int i = 0; i < origins.length; i++) {
            origins[i] = Identity.generate().id();
            big.accept(origins[i], 0);
        }
        Random random = new Random(3);
        long[] next = new long[origins.length];
        int n = 2_000_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        int accepted = 0;
        for (int i = 0; i < n; i++) {
            int o = i & 63;
            next[o] += 1 + random.nextInt(3);
            if (big.accept(origins[o], next[o])) {
                accepted++;
            }
            if (big.accept(origins[o], next[o] - random.nextInt(2000))) {
                accepted++;
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(accepted >= n, "the loop must have done real work: " + accepted);
        // Allow a little JIT noise; a per-check allocation would be tens of megabytes.
        assertTrue(allocated < 64 * 1024, "4,000,000 checks allocated " + allocated + " bytes");
    }
}
