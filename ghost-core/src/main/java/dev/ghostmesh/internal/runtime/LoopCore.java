package dev.ghostmesh.internal.runtime;

import dev.ghostmesh.spi.IoHandler;
import dev.ghostmesh.spi.MeshClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of many {@link Loop}s run by one thread: a task queue and a timer queue on one clock.
 * A {@link LoopThread} runs it, or a host calls {@link #runReady()} from its own loop. Sharing
 * one core among many nodes is what lets ten thousand nodes run on a handful of threads.
 *
 * <p>Threading: {@link #execute} and {@link #schedule} from any thread; {@link #runReady} and
 * {@link #nextDeadline} from one thread at a time (the runner), which then runs the tasks.
 */
public final class LoopCore {
    private static final Logger log = LoggerFactory.getLogger(LoopCore.class);

    private record Task(Loop loop, Runnable body) {}

    private final MeshClock clock;
    private final String name;
    private final Queue<Task> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Timers set from other threads, moved into {@link #timers} by the runner. */
    private final Queue<Timer> newTimers = new ConcurrentLinkedQueue<>();
    /** Runner only. */
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(Timer::compare);
    private final AtomicLong timerSequence = new AtomicLong();
    private final AtomicInteger loops = new AtomicInteger();
    private volatile Runnable wakeup = () -> { };
    private volatile Thread runner;
    /** Opened by the first channel registered (runner only); the loop then waits in it. */
    private Selector selector;
    /** The same selector, for waking it from other threads. */
    private volatile Selector wakeable;

    LoopCore(MeshClock clock, String name) {
        this.clock = clock;
        this.name = name;
    }

    MeshClock clock() {
        return clock;
    }

    /** Called whenever work arrives from outside the runner: the runner should look again. */
    void wakeupWith(Runnable wakeup) {
        this.wakeup = wakeup;
    }

    Loop newLoop(String label) {
        loops.incrementAndGet();
        return new Loop(this, label);
    }

    /** Loops created on this core and not yet stopped. */
    int loops() {
        return loops.get();
    }

    void stopped(Loop loop) {
        loops.decrementAndGet();
        wakeup.run();
    }

    boolean inCore() {
        return runner == Thread.currentThread();
    }

    void execute(Loop loop, Runnable body) {
        tasks.add(new Task(loop, body));
        queued.incrementAndGet();
        if (!inCore()) {
            wakeup.run();
        }
    }

    Timer schedule(Loop loop, Runnable task, long delayNanos, long periodNanos) {
        Timer t = new Timer(loop, task, clock.nanoTime() + Math.max(0, delayNanos), periodNanos,
                timerSequence.incrementAndGet());
        if (inCore()) {
            timers.add(t);
        } else {
            newTimers.add(t);
            wakeup.run();
        }
        return t;
    }

    /** True if tasks are queued (timers not counted). Any thread. */
    boolean hasTasks() {
        return queued.get() > 0;
    }

    /**
     * Runs the timers now due, then the tasks queued when this call began (tasks they queue wait
     * for the next call, so one call always ends). Returns how many ran.
     */
    public int runReady() {
        Thread previous = runner;
        runner = Thread.currentThread();
        try {
            int ran = runTimers() + runTasks(queued.get());
            return selector == null ? ran : ran + selectIo(0);
        } finally {
            runner = previous;
        }
    }

    /**
     * Registers {@code channel} with this core's selector, opened on first use, with
     * {@code handler} as the key's attachment. Runner only.
     */
    SelectionKey register(SelectableChannel channel, int ops, IoHandler handler)
            throws IOException {
        if (!inCore()) {
            throw new IllegalStateException("channels are registered on the loop only");
        }
        if (selector == null) {
            selector = Selector.open();
            wakeable = selector;
        }
        return channel.register(selector, ops, handler);
    }

    /** True once a channel was registered: the runner then waits in {@link #runIo}. Runner. */
    boolean hasSelector() {
        return selector != null;
    }

    /**
     * Runner: waits up to {@code timeoutNanos} (rounded up to a millisecond) for channels to be
     * ready and handles those that are; returns how many were.
     */
    int runIo(long timeoutNanos) {
        Thread previous = runner;
        runner = Thread.currentThread();
        try {
            return selectIo(timeoutNanos);
        } finally {
            runner = previous;
        }
    }

    private int selectIo(long timeoutNanos) {
        try {
            if (timeoutNanos <= 0) {
                return selector.selectNow(LoopCore::dispatch);
            }
            long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999));
            return selector.select(LoopCore::dispatch, millis);
        } catch (IOException e) {
            // The selector itself failed (not one channel): nothing here can mend that.
            throw new UncheckedIOException("loop selector failed", e);
        }
    }

    /** Wakes the runner from a wait in {@link #runIo}, if it is in one. Any thread. */
    void wakeSelector() {
        Selector s = wakeable;
        if (s != null) {
            s.wakeup();
        }
    }

    private static void dispatch(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        try {
            ((IoHandler) key.attachment()).onReady(key);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            log.error("I/O handler {} failed", key.attachment(), t);
        }
    }

    private int runTimers() {
        moveNewTimers();
        int ran = 0;
        long now = clock.nanoTime();
        Timer t;
        while ((t = timers.peek()) != null && t.deadline - now <= 0) {
            timers.poll();
            if (t.cancelled()) {
                continue;
            }
            run(t.task);
            ran++;
            if (t.periodNanos > 0 && !t.cancelled()) {
                t.deadline = clock.nanoTime() + t.periodNanos;
                timers.add(t);
            }
        }
        return ran;
    }

    private int runTasks(int budget) {
        int ran = 0;
        for (; ran < budget; ran++) {
            Task task = tasks.poll();
            if (task == null) {
                break;
            }
            queued.decrementAndGet();
            if (task.loop() == null || !task.loop().stopped()) {
                run(task.body());
            }
        }
        return ran;
    }

    private void moveNewTimers() {
        Timer t;
        while ((t = newTimers.poll()) != null) {
            timers.add(t);
        }
    }

    /**
     * The clock's {@code nanoTime} at which the next live timer is due, or {@code Long.MAX_VALUE}
     * if none is set. Runner only.
     */
    public long nextDeadline() {
        moveNewTimers();
        Timer t;
        while ((t = timers.peek()) != null && t.cancelled()) {
            timers.poll();
        }
        return t == null ? Long.MAX_VALUE : t.deadline;
    }

    /** Queues {@code body} to run on this core, outside any node's loop (callbacks). */
    void executeUnbound(Runnable body) {
        execute(null, body);
    }

    private static void run(Runnable body) {
        try {
            body.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            // Tasks guard themselves (a node counts its own failures); this is the last line
            // that keeps one node's bug from stopping every node sharing the thread.
            log.error("loop task failed", t);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
