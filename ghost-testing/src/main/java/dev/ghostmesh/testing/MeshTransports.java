package dev.ghostmesh.testing;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.Transport;

/**
 * How a mesh test makes transports and reaches them; one per test instance
 * ({@link MeshTestBase#transports()}). A transport author implements it once for the mesh
 * scenario tests.
 *
 * <p>Threading: called on the test thread only.
 */
public interface MeshTransports extends AutoCloseable {
    /** A new, not started transport for a node called {@code name}. */
    Transport newTransport(String name);

    /** A new transport reachable where {@code previous} (now closed) was: a restart. */
    Transport restartedAt(String name, Transport previous);

    /** Where other nodes reach a started transport. */
    PeerAddress addressOf(Transport started);

    /** Releases what the transports share (called after every node has closed). */
    @Override
    default void close() {}
}
