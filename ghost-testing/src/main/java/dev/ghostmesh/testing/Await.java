package dev.ghostmesh.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, polling; never a fixed sleep.
 *
 * <p>Threading: the waits block the calling thread (the test's), never a node's; the condition
 * is evaluated on it too, so it must be safe to read from there.
 */
public final class Await {
    private Await() {}

    /** Polls {@code condition} until true, failing with {@code description} after {@code timeout}. */
    public static void until(Duration timeout, BooleanSupplier condition,
            Supplier<String> description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toMillis() + " ms waiting for: "
                        + description.get());
            }
            try {
                Thread.sleep(5); // polling interval, not a wait for an outcome
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** {@link #until(Duration, BooleanSupplier, Supplier)} with a fixed description. */
    public static void until(Duration timeout, BooleanSupplier condition, String description) {
        until(timeout, condition, () -> description);
    }
}
