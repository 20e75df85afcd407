package dev.ghostmesh.spi;

import java.time.Instant;

/**
 * The time a node and its transports live by: a monotonic clock for timeouts, backoff, bans and
 * rates, and a wall clock for the timestamps packets carry and the ages of what the node
 * remembers. Nothing in the core or the bundled transports reads {@code System.nanoTime()} or
 * the system clock directly, so a node given a {@link dev.ghostmesh.local.ManualClock} lives
 * entirely in virtual time: timers fire when that clock is advanced, not when real time passes.
 *
 * <p>Threading: implementations must be safe to read from any thread.
 */
public interface MeshClock {
    /**
     * Monotonic nanoseconds from an arbitrary origin, for measuring intervals only (compare as
     * {@code a - b > 0}; the value may wrap).
     */
    long nanoTime();

    /** The current wall-clock time. */
    Instant instant();

    /** The wall-clock time in milliseconds since the epoch. */
    default long millis() {
        return instant().toEpochMilli();
    }

    /**
     * Whether time passes by itself. False for a clock that only moves when told to, such as
     * {@link dev.ghostmesh.local.ManualClock}: a loop then waits for that clock to be advanced
     * rather than sleeping through a virtual interval in real time.
     */
    default boolean realTime() {
        return true;
    }

    /**
     * Asks to have {@code wakeup} run whenever this clock jumps forward, so that timers waiting
     * on it can fire. A real-time clock never jumps and ignores the request. The returned handle
     * cancels it. {@code wakeup} runs on the thread that advances the clock and must not block.
     */
    default Runnable onAdvance(Runnable wakeup) {
        return () -> { };
    }

    /** The system's clocks: {@link System#nanoTime()} and UTC wall time. */
    static MeshClock system() {
        return SystemClock.INSTANCE;
    }
}
