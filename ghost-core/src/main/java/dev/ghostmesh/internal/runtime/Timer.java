package dev.ghostmesh.internal.runtime;

/**
 * One timer on a {@link Loop}: a task due at a {@code MeshClock.nanoTime()}, once or
 * periodically. Cancelling is lazy: the timer stays in its queue until due, and is then skipped.
 *
 * <p>Threading: {@link #cancel()} from any thread; the rest belongs to the loop's thread.
 */
public final class Timer {
    final Loop loop;
    final Runnable task;
    /** Zero for a one-shot timer; otherwise the delay between the end of one run and the next. */
    final long periodNanos;
    final long sequence;
    long deadline;
    private volatile boolean cancelled;

    Timer(Loop loop, Runnable task, long deadline, long periodNanos, long sequence) {
        this.loop = loop;
        this.task = task;
        this.deadline = deadline;
        this.periodNanos = periodNanos;
        this.sequence = sequence;
    }

    /** Stops the timer; a run already under way finishes. Idempotent. */
    public void cancel() {
        cancelled = true;
    }

    /** True once cancelled, or once its loop stopped. */
    public boolean cancelled() {
        return cancelled || loop.stopped();
    }

    /** Orders timers by deadline, then by creation, so timers due together run in order. */
    static int compare(Timer a, Timer b) {
        long d = a.deadline - b.deadline;
        if (d != 0) {
            return d < 0 ? -1 : 1;
        }
        return Long.compare(a.sequence, b.sequence);
    }
}
