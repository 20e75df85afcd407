package dev.ghostmesh.testing;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.Discovery;
import dev.ghostmesh.spi.DiscoveryContext;

/**
 * A {@link Discovery} the test drives by hand: give it to a node's builder, start the node, then
 * report peers with {@link #found}, as a LAN beacon or a tracker would. Tests of what a node does
 * with discovered addresses need no network for it.
 *
 * <p>Threading: {@link #found} may be called from any thread once the node has started (the
 * node calls {@link #start} from {@code MeshNode.start()}); the context hands the report to the
 * node's loop.
 */
public final class ManualDiscovery implements Discovery {
    private volatile DiscoveryContext context;

    /** A discovery that reports nothing until told. */
    public ManualDiscovery() {}

    @Override
    public void start(DiscoveryContext ctx) {
        this.context = ctx;
    }

    /**
     * Reports that a node claiming the id {@code id} (a hint the handshake checks, or null) is
     * at {@code address}.
     *
     * @throws IllegalStateException if the node has not started this discovery
     */
    public void found(PeerAddress address, NodeId id) {
        DiscoveryContext ctx = context;
        if (ctx == null) {
            throw new IllegalStateException("the node has not started this discovery yet");
        }
        ctx.onPeerFound(address, id);
    }

    @Override
    public void close() {}
}
