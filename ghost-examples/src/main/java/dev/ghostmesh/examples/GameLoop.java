package dev.ghostmesh.examples;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

/**
 * A fixed-rate game loop that is also the {@link Executor} its mesh nodes deliver events to.
 * Library threads only enqueue ({@link #execute}); the loop runs the queued tasks at the start
 * of each tick, on its own thread, so game code never needs a lock.
 *
 * <p>Threading: {@link #execute} is callable from any thread; {@link #run} and
 * {@link #onLoopThread} belong to the thread that runs the loop.
 */
final class GameLoop implements Executor {
    private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final long periodNanos;
    private volatile Thread loopThread;
    private long currentTick;

    GameLoop(int ticksPerSecond) {
        this.periodNanos = 1_000_000_000L / ticksPerSecond;
    }

    /** Queues {@code task} for the next tick. Never blocks, never runs it here. */
    @Override
    public void execute(Runnable task) {
        inbox.add(task);
    }

    /**
     * Runs ticks on the calling thread, each one draining the queue and then calling
     * {@code tick} with the tick number (0, 1, ...), until {@code tick} returns false.
     */
    void run(LongPredicate tick) {
        loopThread = Thread.currentThread();
        long next = System.nanoTime();
        for (long n = 0; ; n++) {
            currentTick = n;
            drain();
            if (!tick.test(n)) {
                return;
            }
            next += periodNanos;
            // A real game would render here; this one idles until the next tick is due.
            for (long wait; (wait = next - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            if (System.nanoTime() - next > periodNanos) {
                // Fell behind (a GC pause, a busy machine): skip ahead rather than burst.
                next = System.nanoTime();
            }
        }
    }

    /** The tick being run: queued tasks see the tick that runs them. Loop thread only. */
    long currentTick() {
        return currentTick;
    }

    /** True when called from the thread running {@link #run}. */
    boolean onLoopThread() {
        return Thread.currentThread() == loopThread;
    }

    /** The thread running the loop (null before {@link #run}). */
    Thread loopThread() {
        return loopThread;
    }

    private void drain() {
        // Only what was queued before this tick: tasks queued meanwhile wait for the next one,
        // so a burst of events cannot stretch a tick without bound.
        for (int n = inbox.size(); n > 0; n--) {
            Runnable task = inbox.poll();
            if (task == null) {
                return;
            }
            task.run();
        }
    }
}
