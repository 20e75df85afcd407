package dev.ghostmesh.benchmarks.sim;

import dev.ghostmesh.LoopGroup;
import dev.ghostmesh.MeshNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The simulation in real time, as it has always run: the nodes on the shared loop threads
 * ({@link LoopGroup#shared()}) on the system clock, their listeners on one thread of ours, and
 * the simulation sleeping and polling their counters every 50 ms.
 *
 * <p>Threading: used by the simulation's thread; the nodes run on the shared loop threads.
 */
final class RealTime implements SimTime {
    private static final long POLL_MILLIS = 50;

    /** One listener thread for every node: a node's own would cost ten thousand threads. */
    private final ExecutorService listenerThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sim-listeners");
        t.setDaemon(true);
        return t;
    });

    @Override
    public boolean virtual() {
        return false;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public MeshNode.Builder configure(MeshNode.Builder builder) {
        return builder.listenerExecutor(listenerThread);
    }

    @Override
    public boolean runUntil(BooleanSupplier done, long deadlineNanos)
            throws InterruptedException {
        while (!done.getAsBoolean()) {
            if (remainingMillis(deadlineNanos) == 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    @Override
    public boolean acquire(Semaphore permits, long deadlineNanos) throws InterruptedException {
        return permits.tryAcquire(remainingMillis(deadlineNanos), TimeUnit.MILLISECONDS);
    }

    @Override
    public <T> T await(CompletableFuture<T> future, long deadlineNanos) throws Exception {
        return future.get(remainingMillis(deadlineNanos), TimeUnit.MILLISECONDS);
    }

    /**
     * Polls every 50 ms. With a zero quiet period this is "idle and unchanged on two polls in a
     * row", so a node between accepting a packet and forwarding it is not taken for the end.
     */
    @Override
    public <T> Still<T> awaitStill(Supplier<T> snapshot, Predicate<? super T> idle,
            Duration quietPeriod, long deadlineNanos) throws InterruptedException {
        T last = snapshot.get();
        long quietSince = System.nanoTime();
        while (true) {
            Thread.sleep(POLL_MILLIS);
            T now = snapshot.get();
            long t = System.nanoTime();
            if (!now.equals(last) || !idle.test(now)) {
                last = now;
                quietSince = t;
            } else if (t - quietSince >= quietPeriod.toNanos()) {
                return new Still<>(true, t, now);
            }
            if (t > deadlineNanos) {
                return new Still<>(false, t, now);
            }
        }
    }

    @Override
    public void flushListeners(Duration limit) throws Exception {
        listenerThread.submit(() -> { }).get(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public int groupThreads() {
        return LoopGroup.shared().threadCount();
    }

    /** In parallel: a node's close waits for its loop thread to run the goodbye. */
    @Override
    public void closeNodes(MeshNode[] nodes) {
        Arrays.stream(nodes).parallel().filter(Objects::nonNull).forEach(MeshNode::close);
    }

    @Override
    public void close() {
        listenerThread.shutdownNow();
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
