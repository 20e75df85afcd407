package dev.ghostmesh.spi;

import java.io.IOException;

/**
 * A source of peer addresses (LAN beacons, a static list, ...), registered on
 * {@code MeshNode.Builder}. The core decides whether to dial what it finds.
 *
 * <p>Threading: {@link #start} is called by the thread that starts the node, after the
 * transports are listening; {@link #close} by the thread that closes it (or by a task on the
 * node's loop). Implementations do their work on the node's loop through
 * {@link DiscoveryContext} (its timers, and its selector for their sockets) rather than on
 * threads of their own, and report through it.
 */
public interface Discovery {
    /**
     * Starts discovering and reporting to {@code context}.
     *
     * @throws IOException with a user-facing message if it cannot start
     */
    void start(DiscoveryContext context) throws IOException;

    /** Stops discovering; idempotent. */
    void close();
}
