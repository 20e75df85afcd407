package dev.ghostmesh.internal.runtime;

import dev.ghostmesh.spi.MeshClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

/**
 * The engine of {@code LoopGroup}: a few {@link LoopCore}s, each run by a {@link LoopThread} or,
 * host-driven, by whoever calls {@link #poll()}. New node loops go to the core with the fewest.
 *
 * <p>Threading: {@link #newLoop}, {@link #callbacks} and {@link #close} from any thread;
 * {@link #poll} and {@link #runUntil} from the host's thread only (one at a time).
 */
public final class Loops {
    private final MeshClock clock;
    private final String name;
    private final LoopCore[] cores;
    /** Null for a host-driven group. */
    private final LoopThread[] threads;
    private ExecutorService callbackThread;
    private boolean closed;

    private Loops(MeshClock clock, int threadCount, String name) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.name = name;
        int coreCount = Math.max(1, threadCount);
        this.cores = new LoopCore[coreCount];
        this.threads = threadCount == 0 ? null : new LoopThread[threadCount];
        for (int i = 0; i < coreCount; i++) {
            cores[i] = new LoopCore(clock, threadCount == 0 ? name : name + "-" + (i + 1));
        }
    }

    /** A group of {@code threads} daemon threads (started as nodes arrive) on {@code clock}. */
    public static Loops threaded(int threads, MeshClock clock, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("a loop group needs at least one thread");
        }
        return new Loops(clock, threads, name);
    }

    /** A group that runs nothing by itself: the host calls {@link #poll()}. */
    public static Loops hostDriven(MeshClock clock, String name) {
        return new Loops(clock, 0, name);
    }

    public MeshClock clock() {
        return clock;
    }

    public boolean hostDriven() {
        return threads == null;
    }

    /** A new node loop on the least busy core. */
    public synchronized Loop newLoop(String label) {
        if (closed) {
            throw new IllegalStateException("loop group " + name + " is closed");
        }
        int best = 0;
        for (int i = 1; i < cores.length; i++) {
            if (cores[i].loops() < cores[best].loops()) {
                best = i;
            }
        }
        if (threads != null && threads[best] == null) {
            threads[best] = new LoopThread(cores[best], cores[best].toString());
        }
        return cores[best].newLoop(label);
    }

    /**
     * Where this group runs listener callbacks and completes public futures by default: for a
     * threaded group one daemon thread shared by its nodes (so callbacks of one node run in
     * order); for a host-driven group the host's own {@link #poll()}, between node tasks.
     */
    public synchronized Executor callbacks() {
        if (threads == null) {
            LoopCore core = cores[0];
            return core::executeUnbound;
        }
        if (callbackThread == null) {
            callbackThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "ghost-callbacks");
                t.setDaemon(true);
                return t;
            });
        }
        ExecutorService executor = callbackThread;
        return task -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException closing) {
                // The group closed: callbacks queued now are dropped, as documented.
            }
        };
    }

    /** Host-driven: runs every task and timer that is ready now; returns how many ran. */
    public int poll() {
        requireHostDriven();
        return cores[0].runReady();
    }

    /**
     * Host-driven on a clock that does not move by itself: runs the group's nodes until
     * {@code done} holds, advancing {@code clock} to each next timer whenever nothing is ready,
     * but never more than {@code limit} beyond now. Returns whether {@code done} held.
     */
    public boolean runUntil(BooleanSupplier done, Duration limit, Advancer advancer) {
        requireHostDriven();
        long end = clock.nanoTime() + limit.toNanos();
        LoopCore core = cores[0];
        while (true) {
            if (done.getAsBoolean()) {
                return true;
            }
            if (core.runReady() > 0 || core.hasTasks()) {
                continue;
            }
            long next = core.nextDeadline();
            if (next - end > 0) {
                advancer.advanceTo(end);
                core.runReady();
                return done.getAsBoolean();
            }
            advancer.advanceTo(next);
        }
    }

    /** How a driver moves a clock that does not move by itself. */
    @FunctionalInterface
    public interface Advancer {
        void advanceTo(long nanoTime);
    }

    private void requireHostDriven() {
        if (threads != null) {
            throw new IllegalStateException("loop group " + name + " runs its own threads");
        }
    }

    /** Threads this group runs now (callback thread included). */
    public synchronized int threadCount() {
        int n = callbackThread == null ? 0 : 1;
        if (threads != null) {
            for (LoopThread t : threads) {
                n += t == null ? 0 : 1;
            }
        }
        return n;
    }

    /** Stops the threads; nodes still on the group stop running. Idempotent. */
    public void close() {
        List<LoopThread> stopping = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (threads != null) {
                for (LoopThread t : threads) {
                    if (t != null) {
                        stopping.add(t);
                    }
                }
            }
            if (callbackThread != null) {
                callbackThread.shutdown();
            }
        }
        stopping.forEach(LoopThread::shutdown);
    }

    @Override
    public String toString() {
        return name;
    }
}
