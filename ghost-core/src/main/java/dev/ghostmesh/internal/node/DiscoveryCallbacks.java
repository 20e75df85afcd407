package dev.ghostmesh.internal.node;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.spi.DiscoveryContext;
import dev.ghostmesh.spi.PeerAddress;
import java.util.List;

/**
 * The discoveries' view of a node: found peers are dialed (the link handshake proves who they
 * are). Discovery policy (duplicate suppression, reconnects) arrives with LAN discovery.
 *
 * <p>Threading: called from discovery threads; never blocks.
 */
final class DiscoveryCallbacks implements DiscoveryContext {
    private final NodeRuntime runtime;

    DiscoveryCallbacks(NodeRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public NodeId localId() {
        return runtime.config().identity().nodeId();
    }

    @Override
    public List<PeerAddress> listenAddresses() {
        return runtime.status().listening();
    }

    @Override
    public void onPeerFound(PeerAddress address, NodeId claimedId) {
        if (!localId().equals(claimedId)) {
            runtime.connect(address);
        }
    }
}
