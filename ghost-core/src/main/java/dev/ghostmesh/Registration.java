package dev.ghostmesh;

/**
 * A handle that removes a listener. Thread-safe: {@link #close()} may be called from any thread,
 * including from inside a callback; it is idempotent. Events already queued for the listener
 * may still be delivered once while the removal takes effect.
 */
@FunctionalInterface
public interface Registration extends AutoCloseable {
    /** Removes the listener. */
    @Override
    void close();
}
