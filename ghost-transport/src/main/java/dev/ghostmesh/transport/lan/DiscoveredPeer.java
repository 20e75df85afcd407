package dev.ghostmesh.transport.lan;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A peer heard by a {@link LanDiscovery}, for diagnostics and tests. The id is what the beacon
 * claimed, unverified; only the link handshake proves who is at {@code address}. Immutable and
 * thread-safe.
 *
 * @param claimedId the node id the beacon claimed
 * @param address the datagram's source address with the TCP port from the beacon
 * @param lastSeen when the last beacon for this id and address arrived
 */
public record DiscoveredPeer(NodeId claimedId, PeerAddress address, Instant lastSeen) {
    /** Rejects nulls. Callable from any thread. */
    public DiscoveredPeer {
        Objects.requireNonNull(claimedId, "claimedId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
