package dev.ghostmesh.internal.runtime;

import dev.ghostmesh.spi.MeshClock;
import org.slf4j.Logger;

/**
 * Logs why input from the network was refused, at INFO: a node that drops a peer's announce for
 * a username it holds invalid, or refuses its link, must say so at the default level, or two
 * implementations that disagree look like a silent network fault. Peers decide how much such
 * input they send, so the lines are rate-limited (a second's worth on average, bursts of
 * {@link #BURST}); the next line printed says how many were left out.
 *
 * <p>Threading: confined to the node thread.
 */
public final class RefusalLog {
    static final int BURST = 20;
    private final MeshClock clock;
    private final TokenBucket budget;
    private long leftOut;

    RefusalLog(MeshClock clock) {
        this.clock = clock;
        this.budget = new TokenBucket(1, BURST, clock.nanoTime());
    }

    /** Logs {@code format} with {@code args} to {@code log} at INFO if within the budget. */
    public void info(Logger log, String format, Object... args) {
        if (!budget.tryTake(clock.nanoTime())) {
            leftOut++;
            return;
        }
        if (leftOut > 0) {
            log.info("({} more refusals not logged: over the log's rate limit)", leftOut);
            leftOut = 0;
        }
        log.info(format, args);
    }
}
