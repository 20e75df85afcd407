package dev.ghostmesh.internal.node;

import dev.ghostmesh.MeshException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node thread: one daemon thread that runs every task touching mesh state, in order, and
 * the timers (handshake timeouts, announces). Work from other threads is handed to it here.
 *
 * <p>Threading: every method is callable from any thread.
 */
final class NodeLoop {
    private static final Logger log = LoggerFactory.getLogger(NodeLoop.class);

    private final ScheduledThreadPoolExecutor executor;
    private final Counters counters;
    private volatile boolean accepting;

    NodeLoop(String label, Counters counters) {
        this.counters = counters;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ghost-node-" + label);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        // Timers (handshake timeouts, re-dials a closing link just scheduled) mean nothing once
        // the node stops; by default shutdown would wait for them, holding close() for its
        // whole flush deadline. Tasks already due still run.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Opens or closes the loop to public operations ({@link #call}). */
    void accepting(boolean accepting) {
        this.accepting = accepting;
    }

    boolean accepting() {
        return accepting;
    }

    /** Queues a task; false if the loop has stopped. A task that throws is counted and logged. */
    boolean execute(Runnable task) {
        try {
            executor.execute(guarded(task));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** True once the loop has begun to stop: tasks queued now may never run. */
    boolean stopped() {
        return executor.isShutdown();
    }

    /** Runs {@code task} once after {@code millis}; null if the loop has stopped. */
    ScheduledFuture<?> schedule(Runnable task, long millis) {
        try {
            return executor.schedule(guarded(task), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Runs {@code task} every {@code millis} (a failing run does not stop later ones). */
    void every(Runnable task, long millis) {
        try {
            executor.scheduleWithFixedDelay(guarded(task), millis, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("loop stopped; periodic task not scheduled");
        }
    }

    /**
     * A bug in one task must not kill the node thread (and every link with it), nor silently
     * cancel a periodic task: failures are counted, logged, and swallowed here.
     */
    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                counters.internalErrors.incrementAndGet();
                log.error("node task failed", e);
            }
        };
    }

    /**
     * Runs {@code work} on the node thread for a public operation; the returned future completes
     * off the node thread (see {@link #handOff}) and fails if the node is not running.
     */
    <T> CompletableFuture<T> call(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (!accepting || !execute(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        })) {
            result.completeExceptionally(new MeshException("node is not running"));
        }
        return handOff(result);
    }

    /**
     * The same outcome, completed on the common pool: futures here complete on the node or an
     * I/O thread, and a caller's dependent stage must never run (and block) there.
     */
    static <T> CompletableFuture<T> handOff(CompletableFuture<T> internal) {
        CompletableFuture<T> external = new CompletableFuture<>();
        internal.whenCompleteAsync((value, error) -> {
            if (error == null) {
                external.complete(value);
            } else {
                external.completeExceptionally(error instanceof CompletionException
                        && error.getCause() != null ? error.getCause() : error);
            }
        }, ForkJoinPool.commonPool());
        return external;
    }

    /** Lets queued tasks finish (up to {@code millis}), then stops the thread. */
    void shutdown(long millis) {
        accepting = false;
        executor.shutdown();
        try {
            executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }
}
