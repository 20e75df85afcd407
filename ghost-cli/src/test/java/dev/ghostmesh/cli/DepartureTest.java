package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DepartureTest {
    @Test
    void theCloseRunsOnceAndASecondCallerWaitsForIt() throws Exception {
        Departure departure = new Departure();
        AtomicInteger closes = new AtomicInteger();
        CountDownLatch closing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread first = new Thread(() -> departure.leave(() -> {
            closes.incrementAndGet();
            closing.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                failure.set(e);
            }
        }), "first-leaver");
        first.start();
        assertTrue(closing.await(5, TimeUnit.SECONDS));

        AtomicBoolean secondReturned = new AtomicBoolean();
        Thread second = new Thread(() -> {
            departure.leave(closes::incrementAndGet);
            secondReturned.set(true);
        }, "second-leaver");
        second.start();
        // The second caller is parked until the first close ends, not returning early.
        second.join(300);
        assertFalse(secondReturned.get(), "the second caller returned while the close ran");
        release.countDown();
        second.join(5000);
        first.join(5000);
        assertTrue(secondReturned.get());
        assertEquals(1, closes.get());
        assertEquals(null, failure.get());
    }
}
