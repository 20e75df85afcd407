package dev.ghostmesh.internal.node;

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
final class RefusalLog {
    static final int BURST = 20;
    private final TokenBucket budget = new TokenBucket(1, BURST, System.nanoTime());
    private long leftOut;

    /** Logs {@code format} with {@code args} to {@code log} at INFO if within the budget. */
    void info(Logger log, String format, Object... args) {
        if (!budget.tryTake(System.nanoTime())) {
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
