package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The catch-up after a link is absorbed and summed up once; what comes after it is news. */
class SyncWindowTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger summaries = new AtomicInteger();
    private final SyncWindow window = new SyncWindow(now::get, null, summaries::incrementAndGet);

    private void advanceMillis(long ms) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void nothingIsAbsorbedBeforeALinkComesUp() {
        assertFalse(window.absorb());
        assertEquals(0, summaries.get());
    }

    @Test
    void aBurstAfterALinkIsAbsorbedAndSummedUpOnceWhenItPauses() {
        window.linkUp();
        for (int i = 0; i < 20; i++) {
            advanceMillis(SyncWindow.QUIET_MILLIS / 5);
            assertTrue(window.absorb(), "event " + i);
        }
        assertEquals(0, summaries.get(), "summed up while still coming");
        advanceMillis(SyncWindow.QUIET_MILLIS);
        assertFalse(window.absorb(), "news after the pause");
        assertEquals(1, summaries.get());
        window.closeIfOver();
        assertEquals(1, summaries.get(), "a second summary");
    }

    @Test
    void aLinkWhoseCatchUpBroughtNothingNewSaysNothing() {
        window.linkUp();
        advanceMillis(SyncWindow.QUIET_MILLIS);
        window.closeIfOver();
        assertEquals(0, summaries.get());
    }

    @Test
    void theWindowEndsAtItsLimitEvenIfEventsKeepComing() {
        window.linkUp();
        long elapsed = 0;
        while (elapsed < SyncWindow.MAX_MILLIS) {
            assertTrue(window.absorb(), "at " + elapsed + " ms");
            advanceMillis(100);
            elapsed += 100;
        }
        assertFalse(window.absorb());
        assertEquals(1, summaries.get());
    }

    @Test
    void theTimerClosesTheWindowWithoutAnotherEvent() throws Exception {
        CountingSummary counted = new CountingSummary();
        SyncWindow real = SyncWindow.system(counted);
        real.linkUp();
        assertTrue(real.absorb());
        assertTrue(counted.await(5), "no summary from the timer");
        assertFalse(real.isOpen());
    }

    /** Counts summaries and lets the test thread wait for the first. */
    private static final class CountingSummary implements Runnable {
        private int count;

        @Override
        public synchronized void run() {
            count++;
            notifyAll();
        }

        synchronized boolean await(long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (count == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }
}
