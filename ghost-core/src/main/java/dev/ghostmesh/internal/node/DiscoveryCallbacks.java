package dev.ghostmesh.internal.node;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.spi.DiscoveryContext;
import dev.ghostmesh.spi.MeshClock;
import dev.ghostmesh.spi.PeerAddress;
import java.util.List;

/**
 * The discoveries' view of a node: found peers go to the connector, which dials them when
 * auto-connect is on (the link handshake must prove the claimed id).
 *
 * <p>Threading: called from discovery threads; never blocks.
 */
final class DiscoveryCallbacks implements DiscoveryContext {
    private final NodeRuntime runtime;

    DiscoveryCallbacks(NodeRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public MeshClock clock() {
        return runtime.config().clock();
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
        runtime.onPeerFound(address, claimedId);
    }
}
