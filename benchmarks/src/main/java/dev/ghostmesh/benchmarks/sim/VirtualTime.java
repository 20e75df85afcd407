package dev.ghostmesh.benchmarks.sim;

import dev.ghostmesh.LoopGroup;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.local.ManualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The simulation in virtual time: every node on one host-driven loop group over a
 * {@link ManualClock}, run by the simulation's own thread through {@link LoopGroup#runUntil},
 * which runs whatever is ready and, when nothing is, jumps the clock to the next timer (a frame
 * arriving after the network's latency, a handshake timeout). The nodes' CPU work takes no
 * virtual time, so what the simulation measures is the protocol's own timing: latencies and
 * timers, never the machine's speed or load. Listener callbacks run inside the same call, on
 * this thread, at the virtual instant their event happened.
 *
 * <p>The group runs no thread; the nodes use no verifier pool either (the library keeps a
 * host-driven node's signature checks on the host's thread).
 *
 * <p>Threading: confined to the simulation's thread, which is the only thread the nodes run on.
 */
final class VirtualTime implements SimTime {
    private final ManualClock clock = new ManualClock();
    private final LoopGroup loops = LoopGroup.hostDriven(clock);

    @Override
    public boolean virtual() {
        return true;
    }

    @Override
    public long nanoTime() {
        return clock.nanoTime();
    }

    /** Virtual time since the run began. */
    Duration elapsed() {
        return clock.elapsed();
    }

    /** No listener executor: the group runs callbacks inside {@code runUntil}, on this thread. */
    @Override
    public MeshNode.Builder configure(MeshNode.Builder builder) {
        return builder.loops(loops);
    }

    @Override
    public boolean runUntil(BooleanSupplier done, long deadlineNanos) {
        return loops.runUntil(done, remaining(deadlineNanos));
    }

    /** The permits are released by callbacks, which run only while this thread runs the nodes. */
    @Override
    public boolean acquire(Semaphore permits, long deadlineNanos) {
        return permits.tryAcquire() || runUntil(permits::tryAcquire, deadlineNanos);
    }

    @Override
    public <T> T await(CompletableFuture<T> future, long deadlineNanos) throws Exception {
        if (!runUntil(future::isDone, deadlineNanos)) {
            throw new IllegalStateException("no result by the deadline (virtual time)");
        }
        return future.get();
    }

    /**
     * Runs until {@code idle} holds, then finishes the work of that instant (the condition is
     * checked between tasks, and a node may still hold a packet it has accepted but not yet
     * forwarded); if the mesh is still idle then, nothing is ready and nothing is in flight.
     * The quiet period after it only confirms that no timer starts anything again.
     */
    @Override
    public <T> Still<T> awaitStill(Supplier<T> snapshot, Predicate<? super T> idle,
            Duration quietPeriod, long deadlineNanos) {
        while (true) {
            if (!runUntil(() -> idle.test(snapshot.get()), deadlineNanos)) {
                return new Still<>(false, clock.nanoTime(), snapshot.get());
            }
            loops.runFor(Duration.ZERO);
            T still = snapshot.get();
            if (!idle.test(still)) {
                continue;
            }
            long at = clock.nanoTime();
            loops.runFor(quietPeriod);
            T after = snapshot.get();
            if (after.equals(still)) {
                return new Still<>(true, at, still);
            }
        }
    }

    /** Callbacks are tasks of the group: running what is ready now runs them all. */
    @Override
    public void flushListeners(Duration limit) {
        loops.runFor(Duration.ZERO);
    }

    @Override
    public int groupThreads() {
        return loops.threadCount();
    }

    /**
     * One by one, on this thread, as a host-driven node must be closed; each close runs its
     * goodbye at once (into a network that is already closed).
     */
    @Override
    public void closeNodes(MeshNode[] nodes) {
        for (MeshNode node : nodes) {
            if (node != null) {
                node.close();
            }
        }
        loops.poll();
    }

    @Override
    public void close() {
        loops.close();
    }

    private Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - clock.nanoTime()));
    }
}
