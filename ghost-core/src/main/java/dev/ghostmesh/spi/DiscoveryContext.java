package dev.ghostmesh.spi;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerAddress;
import java.util.List;

/**
 * The core's side of a {@link Discovery}: where found peers are reported, and the node's loop
 * and clock, on which a discovery does its work (beacon timers, socket reads) with no thread of
 * its own, as a transport does through {@link TransportContext}.
 *
 * <p>Threading: every method may be called from any thread, returns quickly and never blocks,
 * except {@link #register}, which is for the node's loop only, and {@link #await}, which blocks
 * (off the loop) by design. A discovery that runs on the loop
 * (registers its socket, schedules its timers) reports from there; the loop is shared with the
 * node's links and possibly with other nodes, so its work per task or readiness event must be
 * bounded.
 */
public interface DiscoveryContext extends LoopContext {
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
