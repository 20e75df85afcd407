package dev.ghostmesh.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The token bucket behind every rate limit, on a clock the test moves by hand. */
class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketAllowsItsBurstThenTheRate() {
        TokenBucket b = new TokenBucket(10, 5, 0);
        int taken = 0;
        while (b.tryTake(0)) {
            taken++;
        }
        assertEquals(5, taken, "the burst");
        assertFalse(b.tryTake(SECOND / 20), "half a token after 50 ms is not a token");
        assertTrue(b.tryTake(SECOND / 10), "one token after 100 ms at 10/s");
        assertFalse(b.tryTake(SECOND / 10));
    }

    @Test
    void savingsAreCappedAtTheBurst() {
        TokenBucket b = new TokenBucket(1000, 3, 0);
        for (int i = 0; i < 3; i++) {
            assertTrue(b.tryTake(0));
        }
        long anHourLater = 3600 * SECOND;
        int taken = 0;
        while (b.tryTake(anHourLater)) {
            taken++;
        }
        assertEquals(3, taken, "an idle hour does not buy more than the burst");
    }

    @Test
    void aClockThatGoesBackDoesNotMintTokens() {
        TokenBucket b = new TokenBucket(10, 1, SECOND);
        assertTrue(b.tryTake(SECOND));
        assertFalse(b.tryTake(0));
        assertFalse(b.tryTake(SECOND));
    }
}
