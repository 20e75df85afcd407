package dev.ghostmesh.internal.node;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.link.FrameIntake;
import dev.ghostmesh.internal.runtime.NodeLoop;
import dev.ghostmesh.internal.runtime.Timer;
import dev.ghostmesh.spi.DiscoveryContext;
import dev.ghostmesh.spi.IoHandler;
import dev.ghostmesh.spi.MeshClock;
import dev.ghostmesh.spi.PeerAddress;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;

/**
 * The discoveries' view of a node: its loop, on which a discovery sends, receives and keeps
 * time exactly as a transport does (the same delegation as {@link FrameIntake}'s), and the
 * connector, to which found peers go; it dials them when auto-connect is on (the link handshake
 * must prove the claimed id).
 *
 * <p>Threading: every method is callable from any thread and never blocks, except
 * {@link #register}, which is for the node's loop only.
 */
final class DiscoveryCallbacks implements DiscoveryContext {
    private final NodeRuntime runtime;
    private final NodeLoop loop;

    DiscoveryCallbacks(NodeRuntime runtime, NodeLoop loop) {
        this.runtime = runtime;
        this.loop = loop;
    }

    @Override
    public MeshClock clock() {
        return runtime.config().clock();
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task); // false once the node stopped: dropped, as the SPI says
    }

    @Override
    public Runnable schedule(Runnable task, Duration delay) {
        Timer t = loop.schedule(task, delay);
        return t::cancel;
    }

    @Override
    public boolean inLoop() {
        return loop.inLoop();
    }

    @Override
    public SelectionKey register(SelectableChannel channel, int ops, IoHandler handler)
            throws IOException {
        return loop.register(channel, ops, handler);
    }

    @Override
    public boolean await(Future<?> done, Duration limit) {
        return loop.await(done, limit);
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
