package dev.ghostmesh.internal.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SequenceSourceTest {
    private static final long T0 = 1_780_000_000_000L;
    private static final long PER_EPOCH = 1L << SequenceSource.COUNTER_BITS;

    private final AtomicLong clock = new AtomicLong(T0);
    private final SequenceSource source = new SequenceSource(clock::get);

    @Test
    void numbersAreDenseFromTheEpochOfTheFirstPacket() {
        clock.set(T0 + 5); // the epoch is taken when the first number is drawn
        long first = source.next();
        assertEquals((T0 + 5) << 20, first);
        clock.set(T0 + 999); // later clock readings do not change the run's epoch
        for (long i = 1; i < 1000; i++) {
            assertEquals(first + i, source.next());
        }
    }

    @Test
    void anOverflowMovesTheEpochToNowWhenTheClockIsAhead() {
        long first = source.next();
        for (long i = 1; i < PER_EPOCH; i++) {
            source.next();
        }
        clock.set(T0 + 60_000);
        assertEquals((T0 + 60_000) << 20, source.next());
        assertTrue(first < (T0 + 60_000) << 20);
    }

    @Test
    void anOverflowFasterThanTheClockStaysDenseAndIncreasing() {
        long last = -1;
        for (long i = 0; i < 2 * PER_EPOCH + 3; i++) {
            long s = source.next();
            assertEquals(last < 0 ? T0 << 20 : last + 1, s, "number " + i);
            last = s;
        }
        assertEquals(((T0 + 2) << 20) | 2, last, "the epoch advanced by one per overflow");
    }

    @Test
    void aRunStartedLaterNumbersAboveTheWholePreviousRun() {
        long previous = 0;
        for (int i = 0; i < 10_000; i++) {
            previous = source.next();
        }
        clock.set(T0 + 1);
        long restarted = new SequenceSource(clock::get).next();
        assertTrue(restarted > previous, "a restart one millisecond later is above");
    }
}
