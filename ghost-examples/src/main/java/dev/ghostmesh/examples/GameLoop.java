package dev.ghostmesh.examples;

import dev.ghostmesh.LoopGroup;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

/**
 * A fixed-rate game loop that drives its mesh nodes itself: the nodes run on a
 * {@link LoopGroup#hostDriven host-driven} loop group, and each tick starts by polling it, so
 * the nodes' work, their timers, their listener callbacks and the completions of their futures
 * all run here, on the game thread, before the game's own tick. No library thread runs them.
 *
 * <p>Threading: {@link #run} and {@link #onLoopThread} belong to the thread that runs the loop.
 */
final class GameLoop {
    /**
     * Polls per tick at most: work a poll causes (a frame's answer) is run by the next poll,
     * so a few rounds let a handshake or a relay finish within one tick, while a burst of
     * traffic still cannot stretch a tick without bound.
     */
    private static final int MAX_POLLS_PER_TICK = 16;

    private final long periodNanos;
    private final LoopGroup mesh;
    private volatile Thread loopThread;
    private long currentTick;

    GameLoop(int ticksPerSecond, LoopGroup mesh) {
        this.periodNanos = 1_000_000_000L / ticksPerSecond;
        this.mesh = mesh;
    }

    /** The loop group the game's nodes run on, driven by this loop. */
    LoopGroup mesh() {
        return mesh;
    }

    /**
     * Runs ticks on the calling thread, each one polling the mesh and then calling
     * {@code tick} with the tick number (0, 1, ...), until {@code tick} returns false.
     */
    void run(LongPredicate tick) {
        loopThread = Thread.currentThread();
        long next = mesh.clock().nanoTime();
        for (long n = 0; ; n++) {
            currentTick = n;
            for (int i = 0; i < MAX_POLLS_PER_TICK && mesh.poll() > 0; i++) {
                // Each round runs what the previous one queued.
            }
            if (!tick.test(n)) {
                return;
            }
            next += periodNanos;
            // A real game would render here; this one idles until the next tick is due.
            for (long wait; (wait = next - mesh.clock().nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            if (mesh.clock().nanoTime() - next > periodNanos) {
                // Fell behind (a GC pause, a busy machine): skip ahead rather than burst.
                next = mesh.clock().nanoTime();
            }
        }
    }

    /** The tick being run: polled events see the tick that runs them. Loop thread only. */
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
}
