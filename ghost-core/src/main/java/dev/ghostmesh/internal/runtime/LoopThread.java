package dev.ghostmesh.internal.runtime;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A daemon thread that runs one {@link LoopCore}: it runs what is ready, then sleeps until the
 * next timer is due or work arrives. Work from other threads unparks it only when it sleeps, so
 * a busy loop is not woken once per task.
 *
 * <p>Threading: {@link #wake()} and {@link #shutdown()} from any thread.
 */
final class LoopThread implements Runnable {
    /** The longest sleep on a clock that time moves by itself, in case a wake-up was missed. */
    private static final long MAX_PARK_NANOS = 1_000_000_000L;

    private final LoopCore core;
    private final Thread thread;
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private volatile boolean running = true;

    LoopThread(LoopCore core, String name) {
        this.core = core;
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
        core.wakeupWith(this::wake);
        core.clock().onAdvance(this::wake);
        thread.start();
    }

    void wake() {
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
            core.wakeSelector();
        }
    }

    @Override
    public void run() {
        while (running) {
            if (core.runReady() > 0 || core.hasTasks()) {
                continue;
            }
            long next = core.nextDeadline();
            sleeping.set(true);
            // Checked again after announcing the sleep: work queued in between either sees
            // the flag and unparks, or is seen here.
            if (core.hasTasks() || !running) {
                sleeping.set(false);
                continue;
            }
            long wait = next == Long.MAX_VALUE ? MAX_PARK_NANOS : next - core.clock().nanoTime();
            if (wait > 0) {
                // Virtual time moves only when the clock is advanced, which wakes us.
                long nanos = core.clock().realTime() ? Math.min(wait, MAX_PARK_NANOS)
                        : MAX_PARK_NANOS;
                if (core.hasSelector()) {
                    core.runIo(nanos); // sockets of the loop's nodes: wait for I/O too
                } else {
                    LockSupport.parkNanos(this, nanos);
                }
            }
            sleeping.set(false);
        }
    }

    /** Stops the thread after the task under way; queued work is abandoned. */
    void shutdown() {
        running = false;
        LockSupport.unpark(thread);
    }

    Thread thread() {
        return thread;
    }
}
