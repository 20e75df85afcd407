package dev.ghostmesh.internal.runtime;

import dev.ghostmesh.spi.IoHandler;
import dev.ghostmesh.spi.MeshClock;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One node's loop: the serial executor and timers of a node, on a {@link LoopCore} that may be
 * shared with other nodes (a thread of a loop group, or a host that polls). Tasks of one loop
 * run one at a time and in the order they were queued; timers due at the same time run in the
 * order they were set. Once stopped, the loop runs nothing more: queued tasks and timers are
 * dropped as they come up.
 *
 * <p>Threading: every method is callable from any thread; tasks and timers run on the core's
 * thread.
 */
public final class Loop {
    /**
     * The longest one wait of {@link #drive} in select: work queued from other threads does not
     * wake a host-driven core, so it is looked for at least this often.
     */
    private static final long DRIVE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final LoopCore core;
    private final String label;
    private final AtomicBoolean stopped = new AtomicBoolean();

    Loop(LoopCore core, String label) {
        this.core = core;
        this.label = label;
    }

    /** The clock this loop's timers run on. */
    public MeshClock clock() {
        return core.clock();
    }

    /** Queues a task; false if the loop has stopped. */
    public boolean execute(Runnable task) {
        if (stopped.get()) {
            return false;
        }
        core.execute(this, task);
        return true;
    }

    /** True on the thread that runs this loop's tasks, while it runs them. */
    public boolean inLoop() {
        return core.inCore();
    }

    /** True if tasks are queued on this loop's thread (of this loop or others sharing it). */
    public boolean busy() {
        return core.hasTasks();
    }

    /** Registers {@code channel} with the loop thread's selector; loop only. */
    public SelectionKey register(SelectableChannel channel, int ops, IoHandler handler)
            throws IOException {
        return core.register(channel, ops, handler);
    }

    /** Runs {@code task} once after {@code delayNanos} of this loop's clock. */
    public Timer schedule(Runnable task, long delayNanos) {
        return core.schedule(this, task, delayNanos, 0);
    }

    /** Runs {@code task} once after {@code delay} in {@code unit}. */
    public Timer schedule(Runnable task, long delay, TimeUnit unit) {
        return schedule(task, unit.toNanos(delay));
    }

    /** Runs {@code task} every {@code periodNanos}, the first time one period from now. */
    public Timer every(Runnable task, long periodNanos) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive");
        }
        return core.schedule(this, task, periodNanos, periodNanos);
    }

    /**
     * Host-driven: runs this loop's core on the calling thread, as {@code poll()} would, until
     * {@code done} holds or {@code limitNanos} of real time have passed; between runs it waits in
     * the core's selector (or sleeps) until the next timer, I/O, or at most 10 ms. For a caller
     * that must see loop work finish (a transport's close) where nobody else runs the loop. It
     * runs the work of every loop on the core and its callbacks. The caller must be the one
     * thread that drives the core (the host's), outside its run. Returns whether {@code done}
     * held.
     */
    public boolean drive(BooleanSupplier done, long limitNanos) {
        // Real time: the bound is the caller's wait; a virtual clock may not move meanwhile.
        MeshClock real = MeshClock.system();
        long end = real.nanoTime() + limitNanos;
        while (!done.getAsBoolean()) {
            long left = end - real.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (core.runReady() > 0 || core.hasTasks()) {
                continue;
            }
            long wait = Math.min(left, DRIVE_WAIT_NANOS);
            long next = core.nextDeadline();
            if (next != Long.MAX_VALUE && core.clock().realTime()) {
                wait = Math.min(wait, next - core.clock().nanoTime());
            }
            if (wait > 0) {
                if (core.hasSelector()) {
                    core.runIo(wait);
                } else {
                    LockSupport.parkNanos(this, wait);
                }
            }
        }
        return true;
    }

    /** Stops the loop: nothing queued or timed runs after this returns, except a task under way. */
    public void stop() {
        if (stopped.compareAndSet(false, true)) {
            core.stopped(this);
        }
    }

    /** True once {@link #stop()} was called. */
    public boolean stopped() {
        return stopped.get();
    }

    /** The name of this loop in logs and thread dumps. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return "loop " + label + " on " + core;
    }
}
