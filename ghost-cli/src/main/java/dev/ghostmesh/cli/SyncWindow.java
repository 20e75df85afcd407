package dev.ghostmesh.cli;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Tells the catch-up that follows a new link from live news. When a link comes up, the peer
 * sends everything it knows (every node's announce, every group's creation and membership),
 * and the library reports each as if it had just happened: started into a mesh of 12 nodes and
 * 3 groups, the chat would print 14 lines of old history as news. The library has no marker
 * for the end of that burst, so the chat uses its shape: a window opens when a link comes up
 * and stays open while such events keep coming, closing once they pause for
 * {@value #QUIET_MILLIS} ms (or {@value #MAX_MILLIS} ms after the link at most). Events inside
 * it are absorbed and summed up in one line when it closes; anything after it is news and
 * printed as before. A node that really joins at the very moment we link is counted in the
 * summary instead of announced: a line saying so is the price of not guessing.
 *
 * <p>Threading: {@link #linkUp} and {@link #absorb} run on the node's listener thread, the
 * closing check on this window's own daemon timer thread; all state is under this object's
 * lock, and {@code onClose} runs under it, so a summary is printed exactly once and before
 * any live line that follows it.
 */
final class SyncWindow {
    /** A pause this long after the last catch-up event ends the burst. */
    static final long QUIET_MILLIS = 500;
    /** The window never stays open longer than this after a link comes up. */
    static final long MAX_MILLIS = 3000;

    private final LongSupplier nanos;
    private final ScheduledExecutorService timer;
    private final Runnable onClose;
    private boolean open;
    private long openedAt;
    private long lastEventAt;
    private int absorbed;
    /** A timer check is scheduled: one at a time, however long the burst. */
    private boolean checkScheduled;

    /**
     * {@code onClose} prints the summary; it runs only when the window absorbed an event.
     * {@code timer} may be null: then only a later call notices the window is over (tests).
     */
    SyncWindow(LongSupplier nanos, ScheduledExecutorService timer, Runnable onClose) {
        this.nanos = nanos;
        this.timer = timer;
        this.onClose = onClose;
    }

    /** The window with the system clock and a daemon timer thread of its own. */
    static SyncWindow system(Runnable onClose) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ghost-sync-window");
            t.setDaemon(true);
            return t;
        });
        return new SyncWindow(System::nanoTime, timer, onClose);
    }

    /** A link came up: its catch-up follows. */
    synchronized void linkUp() {
        closeIfOver();
        long now = nanos.getAsLong();
        open = true;
        openedAt = now;
        lastEventAt = now;
        schedule();
    }

    /** True if an event arriving now belongs to a catch-up (and is counted, not printed). */
    synchronized boolean absorb() {
        closeIfOver();
        if (!open) {
            return false;
        }
        absorbed++;
        lastEventAt = nanos.getAsLong();
        schedule();
        return true;
    }

    /** Whether a window is open now (for the JSON mode's {@code sync} flag). */
    synchronized boolean isOpen() {
        closeIfOver();
        return open;
    }

    /** Closes the window if its quiet time or its limit has passed. */
    synchronized void closeIfOver() {
        if (!open) {
            return;
        }
        long now = nanos.getAsLong();
        if (now - lastEventAt >= TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)
                || now - openedAt >= TimeUnit.MILLISECONDS.toNanos(MAX_MILLIS)) {
            open = false;
            int n = absorbed;
            absorbed = 0;
            if (n > 0) {
                onClose.run();
            }
        }
    }

    /** Schedules one check for when the window would end if nothing else came. */
    private void schedule() {
        if (timer == null || checkScheduled) {
            return;
        }
        checkScheduled = true;
        long now = nanos.getAsLong();
        long end = Math.min(lastEventAt + TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS),
                openedAt + TimeUnit.MILLISECONDS.toNanos(MAX_MILLIS));
        // A few ms late on purpose, so the check finds the quiet time passed.
        long delay = Math.max(0, end - now) + TimeUnit.MILLISECONDS.toNanos(5);
        timer.schedule(this::timerCheck, delay, TimeUnit.NANOSECONDS);
    }

    private synchronized void timerCheck() {
        checkScheduled = false;
        closeIfOver();
        if (open) {
            schedule(); // events came meanwhile: check again when they would have paused
        }
    }
}
