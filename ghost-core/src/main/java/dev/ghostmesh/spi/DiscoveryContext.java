package dev.ghostmesh.spi;

import dev.ghostmesh.NodeId;
import java.util.List;

/**
 * The core's side of a {@link Discovery}: where found peers are reported.
 *
 * <p>Threading: called by the discovery's own threads; every method returns quickly and never
 * blocks.
 */
public interface DiscoveryContext {
    /**
     * The clock the node lives by; a discovery times its beacons and expiries with it. Default:
     * the system clock.
     */
    default MeshClock clock() {
        return MeshClock.system();
    }

    /** This node's id, so a discovery can ignore its own announcements. */
    NodeId localId();

    /** Addresses this node listens on, for a discovery to advertise. */
    List<PeerAddress> listenAddresses();

    /**
     * A peer may be reachable at {@code address}. {@code claimedId} is only a hint (or null):
     * the link handshake proves the real id, and a mismatch is dropped.
     */
    void onPeerFound(PeerAddress address, NodeId claimedId);
}
