package dev.ghostmesh;

/**
 * A handle on a topic subscription from {@link MeshNode#subscribe}. Closing it stops deliveries
 * to its handler; when a node's last subscription to a topic closes, its announces stop listing
 * the topic. Thread-safe: {@link #close()} may be called from any thread, including from inside
 * the handler, and is idempotent. A delivery already being handed to the handler may still
 * arrive once while the close takes effect.
 */
public interface Subscription extends Registration {
    /** The topic subscribed to. */
    String topic();

    /** True until {@link #close()} (or the node's close). */
    boolean active();
}
