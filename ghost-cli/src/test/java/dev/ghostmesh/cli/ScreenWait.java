package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Waits for a line on a {@link ListConsole}'s screen: the console notifies the list's monitor
 * whenever it prints, so the wait wakes on each new line and fails at its deadline.
 *
 * <p>Threading: any test thread; the screen list is guarded by its own monitor.
 */
final class ScreenWait {
    private ScreenWait() {}

    /** The first line of {@code screen} that matches {@code p}, waiting up to {@code limit}. */
    static String line(List<String> screen, Predicate<String> p, String what, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (screen) {
            while (true) {
                for (String l : screen) {
                    if (p.test(l)) {
                        return l;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return fail("no " + what + " on " + screen);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(screen, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return fail("interrupted");
                }
            }
        }
    }
}
