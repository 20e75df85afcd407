package dev.ghostmesh;

import java.time.Instant;
import java.util.Objects;

/**
 * A direct, authenticated link to a peer. Immutable and thread-safe.
 *
 * @param id the peer's node id, proven during the link handshake
 * @param username the username the peer gave in the handshake
 * @param address the peer's address as seen by the transport
 * @param listenPort the port the peer says it listens on (0 if it does not listen)
 * @param inbound true if the peer dialed us
 * @param connectedAt when the link was authenticated, by this node's clock
 */
public record PeerInfo(NodeId id, String username, PeerAddress address, int listenPort,
        boolean inbound, Instant connectedAt) {
    /** Validates that no field is null. */
    public PeerInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(connectedAt, "connectedAt");
    }
}
