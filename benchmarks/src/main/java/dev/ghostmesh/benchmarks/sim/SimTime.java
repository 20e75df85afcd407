package dev.ghostmesh.benchmarks.sim;

import dev.ghostmesh.MeshNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The time a simulation runs in, and so how it waits for its nodes. In {@link RealTime} the
 * nodes run on the shared loop threads and the simulation sleeps and polls; in
 * {@link VirtualTime} they run on one host-driven loop group over a manual clock, and every wait
 * below is the simulation's own thread running the nodes, jumping the clock from one timer to
 * the next. Every time the simulation reports about the mesh is read from {@link #nanoTime}, so
 * it is virtual in virtual time; wall time is read separately, and only for the wall columns.
 *
 * <p>Threading: confined to the simulation's thread, which builds, starts, drives and closes
 * the nodes.
 */
sealed interface SimTime extends AutoCloseable permits RealTime, VirtualTime {
    /** The time {@code options} asks for. */
    static SimTime of(SimOptions options) {
        return options.virtualTime() ? new VirtualTime() : new RealTime();
    }

    /** True for virtual time. */
    boolean virtual();

    /** Now, in nanoseconds, on the clock the nodes live by; only differences mean anything. */
    long nanoTime();

    /** Puts a node on this time: its loop group (and so its clock) and listener executor. */
    MeshNode.Builder configure(MeshNode.Builder builder);

    /**
     * Lets the nodes run until {@code done} holds and returns true, or false once
     * {@link #nanoTime} passes {@code deadlineNanos}.
     */
    boolean runUntil(BooleanSupplier done, long deadlineNanos) throws InterruptedException;

    /** Takes a permit of {@code permits}, letting the nodes run meanwhile; false at the deadline. */
    boolean acquire(Semaphore permits, long deadlineNanos) throws InterruptedException;

    /** Lets the nodes run until {@code future} completes, and returns its value. */
    <T> T await(CompletableFuture<T> future, long deadlineNanos) throws Exception;

    /**
     * Lets the nodes run until {@code snapshot} satisfies {@code idle} and stays the same for
     * {@code quietPeriod}.
     *
     * @return whether it did before the deadline, the instant the mesh was seen still (in real
     *     time: when the wait ended, as the figures have always been taken; in virtual time: the
     *     instant the last work was done, not counting the quiet period that confirms it), and
     *     the last snapshot
     */
    <T> Still<T> awaitStill(Supplier<T> snapshot, Predicate<? super T> idle, Duration quietPeriod,
            long deadlineNanos) throws InterruptedException;

    /** The outcome of {@link #awaitStill}. */
    record Still<T>(boolean reached, long atNanos, T last) {}

    /** Waits until every listener event published so far has been handled. */
    void flushListeners(Duration limit) throws Exception;

    /** Threads the nodes' loop group runs now (none in virtual time). */
    int groupThreads();

    /** Closes {@code nodes} (null entries are skipped), as this time allows. */
    void closeNodes(MeshNode[] nodes);

    /** Stops what this time started (the listener thread, the loop group). */
    @Override
    void close();
}
