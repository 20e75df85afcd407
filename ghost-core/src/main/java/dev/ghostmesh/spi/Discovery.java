package dev.ghostmesh.spi;

import java.io.IOException;

/**
 * A source of peer addresses (LAN beacons, a static list, ...), registered on
 * {@code MeshNode.Builder}. The core decides whether to dial what it finds.
 *
 * <p>Threading: {@link #start} is called by the thread that starts the node, after the
 * transports are listening; {@link #close} by the thread that closes it. Implementations run
 * their own threads and report through {@link DiscoveryContext}.
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
