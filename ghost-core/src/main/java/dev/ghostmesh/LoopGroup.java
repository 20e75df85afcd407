package dev.ghostmesh;

import dev.ghostmesh.internal.runtime.Loops;
import dev.ghostmesh.local.ManualClock;
import dev.ghostmesh.spi.MeshClock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The threads that run nodes: each node's state lives on one loop, and a group's few loops are
 * shared by all the nodes built with it ({@link MeshNode.Builder#loops}), so a process with a
 * thousand nodes still runs a handful of threads. A group also owns the clock its nodes live by.
 *
 * <ul>
 *   <li>{@link #shared()}: the default, one daemon thread per core on the system clock.
 *   <li>{@link #threads(int, MeshClock)}: a group of its own, for isolation or another clock.
 *   <li>{@link #hostDriven(MeshClock)}: no threads at all; a game tick or an IoT main loop calls
 *       {@link #poll()} (or {@link MeshNode#poll()}) and the node's work, timers and listener
 *       callbacks all run inside that call. On a {@link ManualClock}, {@link #runFor} and
 *       {@link #runUntil} drive the nodes through virtual time faster than real time.
 * </ul>
 *
 * <p>Listener callbacks and the completions of public futures run on the group's callback
 * thread (host-driven: inside {@code poll()}), one at a time, never inside a node's loop work;
 * a callback must therefore not block waiting for a node's future: it would wait for itself.
 *
 * <p>Threading: thread-safe, except that {@link #poll()}, {@link #runFor} and {@link #runUntil}
 * must be called from one thread at a time (the host's), never from a callback; the host starts
 * and closes its host-driven nodes from that thread too.
 */
public final class LoopGroup implements AutoCloseable {
    private static final class Shared {
        static final LoopGroup INSTANCE = new LoopGroup(Loops.threaded(
                Runtime.getRuntime().availableProcessors(), MeshClock.system(), "ghost-loop"));
    }

    private final Loops loops;

    private LoopGroup(Loops loops) {
        this.loops = loops;
    }

    /**
     * The process-wide group nodes use by default: one daemon thread per core, started as nodes
     * arrive, on the system clock. It is never closed.
     */
    public static LoopGroup shared() {
        return Shared.INSTANCE;
    }

    /** A group of {@code threads} daemon threads on {@code clock}; close it when done. */
    public static LoopGroup threads(int threads, MeshClock clock) {
        return new LoopGroup(Loops.threaded(threads, clock, "ghost-loop"));
    }

    /** A group with no threads on {@code clock}: the host calls {@link #poll()}. */
    public static LoopGroup hostDriven(MeshClock clock) {
        return new LoopGroup(Loops.hostDriven(clock, "ghost-host"));
    }

    /** The clock this group's nodes live by. */
    public MeshClock clock() {
        return loops.clock();
    }

    /**
     * Host-driven groups: runs every node task, due timer and listener callback that is ready
     * now, on the calling thread, and returns how many ran (zero: nothing to do). Call it every
     * tick of the host's own loop.
     *
     * @throws IllegalStateException if the group runs its own threads
     */
    public int poll() {
        return loops.poll();
    }

    /**
     * Host-driven groups on a {@link ManualClock}: runs the nodes for {@code duration} of virtual
     * time, jumping the clock from one due timer to the next whenever nothing else is ready.
     * Work that other threads hand to the nodes meanwhile (a TCP transport, a key derivation)
     * is run as it arrives but not waited for.
     */
    public void runFor(Duration duration) {
        runUntil(() -> false, duration);
    }

    /**
     * Like {@link #runFor}, but stops as soon as {@code condition} holds (checked between tasks)
     * and returns true, or returns false once {@code limit} of virtual time has passed.
     */
    public boolean runUntil(BooleanSupplier condition, Duration limit) {
        Objects.requireNonNull(condition, "condition");
        if (limit.isNegative()) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        if (!(loops.clock() instanceof ManualClock manual)) {
            throw new IllegalStateException("virtual time needs the group on a ManualClock");
        }
        return loops.runUntil(condition, limit, manual::advanceTo);
    }

    /** Threads this group runs now (none for a host-driven group). */
    public int threadCount() {
        return loops.threadCount();
    }

    /** Stops the group's threads; nodes still on it stop running. Idempotent. */
    @Override
    public void close() {
        if (this == Shared.INSTANCE) {
            return;
        }
        loops.close();
    }

    Loops loops() {
        return loops;
    }

    @Override
    public String toString() {
        return "LoopGroup[" + loops + "]";
    }
}
