package dev.ghostmesh.transport.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SourceLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aSourceGetsItsBurstThenItsRate() throws Exception {
        SourceLimiter limiter = new SourceLimiter(20, 40, 1024);
        InetAddress a = address(1);
        long t = 123;
        assertEquals(40, acquired(limiter, a, 1000, t));
        assertEquals(0, acquired(limiter, a, 1000, t));
        assertEquals(1, acquired(limiter, a, 1000, t + SECOND / 20));
        assertEquals(20, acquired(limiter, a, 1000, t + SECOND / 20 + SECOND));
        // A long silence refills to the burst, never beyond it.
        assertEquals(40, acquired(limiter, a, 1000, t + 100 * SECOND));
    }

    @Test
    void sourcesHaveSeparateBudgets() throws Exception {
        SourceLimiter limiter = new SourceLimiter(20, 40, 1024);
        assertEquals(40, acquired(limiter, address(1), 1000, 0));
        assertTrue(limiter.tryAcquire(address(2), 0), "a flood from one source spares another");
    }

    @Test
    void bucketsAreBoundedByEvictingTheLeastRecentlyUsedSource() throws Exception {
        SourceLimiter limiter = new SourceLimiter(20, 2, 3);
        assertEquals(2, acquired(limiter, address(1), 10, 0)); // source 1 exhausted
        for (int i = 2; i <= 4; i++) {
            limiter.tryAcquire(address(i), 0);
        }
        assertEquals(3, limiter.sources());
        // Source 1 was evicted, so it starts again with a full bucket.
        assertTrue(limiter.tryAcquire(address(1), 0));
        for (int i = 5; i < 5000; i++) {
            limiter.tryAcquire(address(i), 0);
        }
        assertEquals(3, limiter.sources());
    }

    @Test
    void aRecentlyUsedSourceIsKept() throws Exception {
        SourceLimiter limiter = new SourceLimiter(20, 2, 3);
        assertEquals(2, acquired(limiter, address(1), 10, 0));
        limiter.tryAcquire(address(2), 0);
        limiter.tryAcquire(address(3), 0);
        assertFalse(limiter.tryAcquire(address(1), 0)); // touch: now the most recent
        limiter.tryAcquire(address(4), 0); // evicts 2, not 1
        assertFalse(limiter.tryAcquire(address(1), 0), "source 1 still has its empty bucket");
    }

    private static int acquired(SourceLimiter limiter, InetAddress source, int tries, long now) {
        int ok = 0;
        for (int i = 0; i < tries; i++) {
            if (limiter.tryAcquire(source, now)) {
                ok++;
            }
        }
        return ok;
    }

    private static InetAddress address(int n) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, (byte) (n >> 16), (byte) (n >> 8),
            (byte) n});
    }
}
