package dev.ghostmesh.benchmarks.baseline;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The source at relay 0: stamps id and send time into one reused frame and hands it to the
 * relay. How many ids may go out is the smaller of a limit set by the coordinator (warm-up,
 * then the whole run) and either the window (ids sent minus ids delivered at the farthest relay)
 * or, in rate mode, the permits granted by the pacer thread.
 *
 * <p>Threading: {@link #originate} and {@link #canSend} run on relay 0's loop thread; the
 * farthest relay's loop thread, the pacer and the coordinator call {@link #onFarthestDelivered},
 * {@link #grant} and {@link #limit}, which wake the loop only when it said it is about to wait
 * (a volatile flag checked after each volatile update, so no wakeup is lost).
 */
final class Origin {
    /** Frames originated per loop turn at most, so reading (echoes in a mesh) is not starved. */
    private static final int BATCH = 256;

    private final Relay relay;
    private final RelayLoop loop;
    private final int window;
    private final ByteBuffer frame;
    private final AtomicLong farthestDelivered = new AtomicLong();
    private final AtomicLong permits = new AtomicLong();
    private volatile long limit;
    private volatile boolean paced;
    private volatile boolean waiting;
    private long sent;

    Origin(Relay relay, RelayLoop loop, RunPlan plan, int window) {
        this.relay = relay;
        this.loop = loop;
        this.window = window;
        this.frame = ByteBuffer.allocateDirect(plan.frameBytes());
        frame.putInt(0, plan.body()); // the padding after id and time stays zero
    }

    /** Sends what may be sent now; true if more could go out right away. */
    boolean originate() {
        long n = Math.min(allowance(), BATCH);
        for (long i = 0; i < n; i++) {
            long id = sent++;
            frame.putLong(RunPlan.PREFIX_BYTES, id);
            frame.putLong(RunPlan.PREFIX_BYTES + 8, System.nanoTime());
            relay.originate(frame, id);
        }
        return allowance() > 0;
    }

    boolean canSend() {
        return allowance() > 0;
    }

    private long allowance() {
        long cap = paced ? permits.get() : farthestDelivered.get() + window;
        return Math.min(cap, limit) - sent;
    }

    void waiting(boolean aboutToWait) {
        waiting = aboutToWait;
    }

    void onFarthestDelivered(long count) {
        farthestDelivered.set(count);
        if (waiting) {
            loop.wakeup();
        }
    }

    /** Switches from the window to pacing; the next {@code already} ids count as granted. */
    void pace(long already) {
        permits.set(already);
        paced = true;
    }

    /** The pacer's permit: ids below {@code upTo} may be sent. */
    void grant(long upTo) {
        permits.set(upTo);
        if (waiting) {
            loop.wakeup();
        }
    }

    void limit(long ids) {
        limit = ids;
        loop.wakeup();
    }
}
