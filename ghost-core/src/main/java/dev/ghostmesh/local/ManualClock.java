package dev.ghostmesh.local;

import dev.ghostmesh.spi.MeshClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link MeshClock} that moves only when told to, for tests and simulations in virtual time.
 * Both its monotonic and its wall time advance together; nodes that share one live in one
 * virtual world. Give it to {@code MeshNode.Builder.clock} and to
 * {@code LoopGroup.hostDriven}; {@code LoopGroup.runFor} then drives such nodes
 * through virtual time faster than real time.
 *
 * <p>Threading: thread-safe. {@link #advance} runs the wake-ups of the loops waiting on this
 * clock on the calling thread; they only enqueue work and never block.
 */
public final class ManualClock implements MeshClock {
    private final List<Runnable> wakeups = new CopyOnWriteArrayList<>();
    private final long originNanos;
    private final Instant originWall;
    private volatile long elapsedNanos;

    /** A clock whose wall time starts at {@code start}. Callable from any thread. */
    public ManualClock(Instant start) {
        this.originWall = Objects.requireNonNull(start, "start");
        // Not zero: code that treats 0 as "never" must not meet it at the origin.
        this.originNanos = 1_000_000_000L;
    }

    /** A clock whose wall time starts at 2026-01-01T00:00:00Z. Callable from any thread. */
    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public long nanoTime() {
        return originNanos + elapsedNanos;
    }

    @Override
    public Instant instant() {
        return originWall.plusNanos(elapsedNanos);
    }

    @Override
    public boolean realTime() {
        return false;
    }

    @Override
    public Runnable onAdvance(Runnable wakeup) {
        Objects.requireNonNull(wakeup, "wakeup");
        wakeups.add(wakeup);
        return () -> wakeups.remove(wakeup);
    }

    /** Time elapsed on this clock since it was made. */
    public Duration elapsed() {
        return Duration.ofNanos(elapsedNanos);
    }

    /**
     * Moves time forward by {@code by} (zero is allowed) and wakes every loop waiting on this
     * clock, so timers now due fire.
     *
     * @throws IllegalArgumentException if {@code by} is negative: time never runs backwards
     */
    public void advance(Duration by) {
        Objects.requireNonNull(by, "by");
        if (by.isNegative()) {
            throw new IllegalArgumentException("time cannot go backwards: " + by);
        }
        synchronized (this) {
            elapsedNanos += by.toNanos();
        }
        wakeups.forEach(Runnable::run);
    }

    /**
     * Moves time forward to {@code nanoTime} if that is later than now; otherwise does nothing.
     * Used by drivers that jump to the next due timer.
     */
    public void advanceTo(long nanoTime) {
        long by;
        synchronized (this) {
            by = nanoTime - nanoTime();
            if (by <= 0) {
                return;
            }
            elapsedNanos += by;
        }
        wakeups.forEach(Runnable::run);
    }

    @Override
    public String toString() {
        return "manual clock at " + instant();
    }
}
