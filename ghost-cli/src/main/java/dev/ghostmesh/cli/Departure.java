package dev.ghostmesh.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Leaving the mesh exactly once. On SIGTERM from a parent that also closes our stdin (Java's
 * Process.destroy does), the input thread and the shutdown hook both try to leave; the second
 * caller waits for the first, because a shutdown hook that returns lets the JVM halt while the
 * goodbye is still being sent.
 *
 * <p>Threading: thread-safe; {@link #leave} may be called from any thread, at the same time.
 */
final class Departure {
    /** Bound on waiting for another thread's close; MeshNode.close() takes about 1 s at most. */
    private static final long WAIT_SECONDS = 3;

    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);

    /** Runs {@code close} if no caller did yet; else waits (boundedly) for that caller's. */
    void leave(Runnable close) {
        if (!started.compareAndSet(false, true)) {
            try {
                done.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            close.run();
        } finally {
            done.countDown();
        }
    }
}
