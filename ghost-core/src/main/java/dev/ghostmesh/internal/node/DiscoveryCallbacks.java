package dev.ghostmesh.internal.node;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.internal.link.FrameIntake;
import dev.ghostmesh.internal.runtime.NodeLoop;
import dev.ghostmesh.internal.runtime.NodeLoopContext;
import dev.ghostmesh.spi.DiscoveryContext;
import java.util.List;

/**
 * The discoveries' view of a node: its loop, on which a discovery sends, receives and keeps
 * time exactly as a transport does (the same delegation as {@link FrameIntake}'s), and the
 * connector, to which found peers go; it dials them when auto-connect is on (the link handshake
 * must prove the claimed id).
 *
 * <p>Threading: every method is callable from any thread and never blocks, except
 * {@link #register}, which is for the node's loop only.
 */
final class DiscoveryCallbacks extends NodeLoopContext implements DiscoveryContext {
    private final NodeRuntime runtime;

    DiscoveryCallbacks(NodeRuntime runtime, NodeLoop loop) {
        super(loop, runtime.config().clock());
        this.runtime = runtime;
    }

    @Override
    public NodeId localId() {
        return runtime.config().identity().id();
    }

    @Override
    public List<PeerAddress> listenAddresses() {
        return runtime.listening();
    }

    @Override
    public void onPeerFound(PeerAddress address, NodeId claimedId) {
        runtime.onPeerFound(address, claimedId);
    }
}
