package dev.ghostmesh.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Records exceptions that escape background threads, so a test can fail on them instead of the
 * stack trace scrolling by. Installs itself as the default handler until {@link #close()}.
 *
 * <p>Threading: create and close on the test thread; recording is thread-safe.
 */
public final class UncaughtExceptions implements AutoCloseable {
    private final Thread.UncaughtExceptionHandler previous;
    private final List<String> failures = new ArrayList<>();

    private UncaughtExceptions() {
        previous = Thread.getDefaultUncaughtExceptionHandler();
    }

    /** Starts recording. */
    public static UncaughtExceptions install() {
        UncaughtExceptions u = new UncaughtExceptions();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> u.record(t, e));
        return u;
    }

    private synchronized void record(Thread t, Throwable e) {
        failures.add(t.getName() + ": " + e);
        if (previous != null) {
            previous.uncaughtException(t, e);
        } else {
            e.printStackTrace();
        }
    }

    /** Throws an AssertionError if any background thread died of an exception. */
    public synchronized void assertNone() {
        if (!failures.isEmpty()) {
            throw new AssertionError("exceptions on background threads: " + failures);
        }
    }

    /** Restores the previous default handler. */
    @Override
    public void close() {
        Thread.setDefaultUncaughtExceptionHandler(previous);
    }
}
