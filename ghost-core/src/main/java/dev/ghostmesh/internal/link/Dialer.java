package dev.ghostmesh.internal.link;

import dev.ghostmesh.MeshException;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.internal.runtime.NodeContext;
import dev.ghostmesh.internal.runtime.NodeLoop;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.Transport;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Opens outbound links: picks the transport, dials, and waits for the handshake. At most one
 * dial per address is in flight; asking again joins it.
 *
 * <p>Threading: {@link #dial} runs on the node thread. Its future completes on the node thread
 * or a transport thread; callers hop back to the node thread before touching state.
 */
public final class Dialer {
    private final NodeContext node;
    private final NodeLoop loop;
    private final Awaiter links;
    private final Map<PeerAddress, CompletableFuture<PeerInfo>> pending = new HashMap<>();
    private final Map<PeerAddress, NodeId> expecting = new HashMap<>();

    /** Takes a dialed link from the transport into the handshake. */
    @FunctionalInterface
    interface Awaiter {
        /** On the node loop: {@code link} came up; complete {@code handshake} when it is done. */
        void await(Link link, CompletableFuture<PeerInfo> handshake, NodeId expected);
    }

    Dialer(NodeContext node, NodeLoop loop, Awaiter links) {
        this.node = node;
        this.loop = loop;
        this.links = links;
    }

    boolean dialing(PeerAddress address) {
        return pending.containsKey(address);
    }

    /**
     * The id a dial in flight to {@code address} must prove, or null. The link manager asks
     * when the outbound link comes up, before any frame of it is handled, so the check cannot
     * lose a race with the peer's HELLO.
     */
    public NodeId expectedAt(PeerAddress address) {
        return expecting.get(address);
    }

    /**
     * Dials {@code address}; the handshake must prove {@code expected} if it is not null. The
     * future fails with an exception whose message says why, in a user's words.
     */
    CompletableFuture<PeerInfo> dial(PeerAddress address, NodeId expected) {
        CompletableFuture<PeerInfo> inFlight = pending.get(address);
        if (inFlight != null) {
            return inFlight;
        }
        CompletableFuture<PeerInfo> handshake = new CompletableFuture<>();
        Transport transport = transportFor(address);
        if (transport == null) {
            handshake.completeExceptionally(new MeshException("no transport for '"
                    + address.scheme() + "' addresses is registered on this node"));
            return handshake;
        }
        pending.put(address, handshake);
        if (expected != null) {
            expecting.put(address, expected);
        }
        transport.dial(address).whenComplete((link, error) -> {
            if (error != null) {
                handshake.completeExceptionally(unwrap(error));
            } else if (!loop.execute(() -> links.await(link, handshake, expected))) {
                link.close();
                handshake.completeExceptionally(new MeshException("node is not running"));
            }
        });
        handshake.whenComplete((peer, error) -> loop.execute(() -> {
            if (pending.remove(address, handshake)) {
                expecting.remove(address);
            }
        }));
        return handshake;
    }

    /** True if a registered transport claims {@code address}. */
    boolean canDial(PeerAddress address) {
        return transportFor(address) != null;
    }

    private Transport transportFor(PeerAddress address) {
        return node.config().transports().stream()
                .filter(t -> t.supports(address)).findFirst().orElse(null);
    }

    public static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
    }
}
