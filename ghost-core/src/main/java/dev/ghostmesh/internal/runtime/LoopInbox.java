package dev.ghostmesh.internal.runtime;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that comes to a node's loop from other threads in bursts (transport events, verified
 * packets back from the verifier pool), kept in arrival order in one queue that a single loop
 * task drains, so a burst wakes the loop once rather than once per item. A task that throws is
 * counted and logged, and the tasks behind it still run.
 *
 * <p>Threading: {@link #offer}, {@link #runInTurn} and {@link #waiting} may be called from any
 * thread; the tasks run on the node's loop.
 */
public final class LoopInbox {
    private static final Logger log = LoggerFactory.getLogger(LoopInbox.class);
    /** Tasks run per loop task before the loop's other work (timers, API calls) gets a turn. */
    static final int BATCH = 256;

    private final NodeLoop loop;
    private final Counters counters;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    /** True while a drain task is queued on the loop and has not started polling. */
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicInteger waiting = new AtomicInteger();

    public LoopInbox(NodeLoop loop, Counters counters) {
        this.loop = loop;
        this.counters = counters;
    }

    /**
     * Runs {@code task} on the loop in turn with the other queued work. Called on the loop with
     * nothing queued, it runs at once: nothing waits before it, and a hand-off would cost more
     * than the task. False if the node has stopped.
     */
    public boolean offer(Runnable task) {
        if (queue.isEmpty() && loop.inLoop() && !loop.stopped()) {
            runGuarded(task);
            return true;
        }
        return runInTurn(task);
    }

    /**
     * Queues {@code task} behind everything queued, even when called on the loop; false if the
     * node has stopped. For work coming back to the loop often (signature checks done on the
     * pool) this costs no wake-up of its own while the node is busy.
     */
    public boolean runInTurn(Runnable task) {
        waiting.incrementAndGet();
        queue.add(task);
        if (drainScheduled.compareAndSet(false, true) && !loop.execute(this::drain)) {
            return false;
        }
        return !loop.stopped();
    }

    /** Tasks queued and not yet run: non-zero means the loop is not keeping up. */
    public int waiting() {
        return waiting.get();
    }

    private void drain() {
        drainScheduled.set(false); // before polling, so a task added meanwhile is not missed
        for (int i = 0; i < BATCH; i++) {
            Runnable task = queue.poll();
            if (task == null) {
                return;
            }
            waiting.decrementAndGet();
            runGuarded(task);
        }
        if (!queue.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            loop.execute(this::drain);
        }
    }

    private void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // A bug in handling one frame must not cost the frames queued behind it.
            counters.internalErrors.incrementAndGet();
            log.error("node task failed", e);
        }
    }
}
