package dev.ghostmesh.internal.runtime;

import dev.ghostmesh.MeshException;
import dev.ghostmesh.spi.IoHandler;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's side of its {@link Loop}: the one serial executor that runs every task touching
 * mesh state, and its timers (handshake timeouts, announces), on the clock of the node's loop
 * group. Work from other threads is handed to it here; public operations get futures that
 * complete on the callback executor, never on the loop.
 *
 * <p>Threading: every method is callable from any thread.
 */
public final class NodeLoop {
    private static final Logger log = LoggerFactory.getLogger(NodeLoop.class);

    private final Loop loop;
    private final boolean hostDriven;
    private final Executor callbacks;
    private final Counters counters;
    private volatile boolean accepting;

    public NodeLoop(Loop loop, boolean hostDriven, Executor callbacks, Counters counters) {
        this.loop = loop;
        this.hostDriven = hostDriven;
        this.callbacks = callbacks;
        this.counters = counters;
    }

    /** Opens or closes the loop to public operations ({@link #call}). */
    public void accepting(boolean accepting) {
        this.accepting = accepting;
    }

    public boolean accepting() {
        return accepting;
    }

    /** Queues a task; false if the loop has stopped. A task that throws is counted and logged. */
    public boolean execute(Runnable task) {
        return loop.execute(guarded(task));
    }

    /** True on the thread running this node's loop, while it runs it. */
    public boolean inLoop() {
        return loop.inLoop();
    }

    /**
     * True if work is queued behind the task under way on the loop's thread (this node's or
     * another's sharing the thread): the thread is the bottleneck, and CPU work worth moving to
     * a pool should move.
     */
    public boolean busy() {
        return loop.busy();
    }

    /** True once the loop has stopped: tasks queued now never run. */
    public boolean stopped() {
        return loop.stopped();
    }

    /** The loop group's monotonic clock. */
    public long nanoTime() {
        return loop.clock().nanoTime();
    }

    /** Runs {@code task} once after {@code millis} of the node's clock. */
    public Timer schedule(Runnable task, long millis) {
        return loop.schedule(guarded(task), millis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} once after {@code delay} of the node's clock. */
    public Timer schedule(Runnable task, Duration delay) {
        return loop.schedule(guarded(task), delay.toNanos());
    }

    /** Registers {@code channel} with the loop thread's selector; loop only. */
    public SelectionKey register(SelectableChannel channel, int ops, IoHandler handler)
            throws IOException {
        return loop.register(channel, ops, handler);
    }

    /** Runs {@code task} every {@code millis} (a failing run does not stop later ones). */
    public Timer every(Runnable task, long millis) {
        return loop.every(guarded(task), TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /**
     * A bug in one task must not kill the loop (and every link with it), nor silently cancel a
     * periodic task: failures are counted, logged, and swallowed here.
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
     * Runs {@code work} on the loop for a public operation; the returned future completes on the
     * callback executor and fails if the node is not running.
     */
    public <T> CompletableFuture<T> call(Supplier<T> work) {
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
     * The same outcome, completed on the callback executor: internal futures complete on the
     * loop or an I/O thread, and a caller's dependent stage must never run (and block) there.
     */
    public <T> CompletableFuture<T> handOff(CompletableFuture<T> internal) {
        CompletableFuture<T> external = new CompletableFuture<>();
        internal.whenComplete((value, error) -> callbacks.execute(() -> {
            if (error == null) {
                external.complete(value);
            } else {
                external.completeExceptionally(error instanceof CompletionException
                        && error.getCause() != null ? error.getCause() : error);
            }
        }));
        return external;
    }

    /** {@link #runAndWait(Runnable, Duration)} with no time limit. */
    public void runAndWait(Runnable work) {
        runAndWait(work, Duration.ofMillis(Long.MAX_VALUE));
    }

    /**
     * Runs {@code work} on the loop and waits up to {@code timeout} for it. On the loop's own
     * thread, or for a host-driven node (whose loop runs on the caller's thread anyway), it runs
     * at once instead: waiting there would wait for itself. False if it did not finish in time.
     */
    public boolean runAndWait(Runnable work, Duration timeout) {
        if (hostDriven || loop.inLoop()) {
            guarded(work).run();
            return true;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!execute(() -> {
            try {
                work.run();
            } finally {
                done.complete(null);
            }
        })) {
            return false;
        }
        return waitFor(done, timeout);
    }

    /**
     * The contexts' {@code await}: waits up to {@code limit} for {@code done}. A host-driven
     * node has nobody else to run its loop, so the caller (the host's thread) runs it meanwhile;
     * on the loop itself nothing can be waited for, so it only reports. True if done.
     */
    public boolean await(Future<?> done, Duration limit) {
        if (loop.inLoop()) {
            return done.isDone();
        }
        if (hostDriven) {
            return loop.drive(done::isDone, limit.toNanos());
        }
        return waitFor(done, limit);
    }

    /**
     * Blocks up to {@code limit} for {@code done}; true once it completed, normally or not.
     * False on timeout, or on interrupt (the flag is set again). A limit too long for a long of
     * nanoseconds (as "no limit" is written) waits as long as one can.
     */
    public static boolean waitFor(Future<?> done, Duration limit) {
        long nanos;
        try {
            nanos = limit.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE;
        }
        try {
            done.get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    /** Lets queued tasks finish (up to {@code timeout}, unless on the loop), then stops it. */
    public void shutdown(Duration timeout) {
        accepting = false;
        runAndWait(() -> { }, timeout);
        loop.stop();
    }
}
