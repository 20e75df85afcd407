package dev.ghostmesh.internal.node;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.spi.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * The node's view of one transport link: handshake state, then the authenticated peer.
 *
 * <p>Threading: confined to the node thread.
 */
final class LinkSession {
    enum State { HANDSHAKING, READY, CLOSED }

    final Link link;
    final byte[] ownHello;
    State state = State.HANDSHAKING;
    LinkFrames.Hello peerHello;
    PeerInfo peer;
    ScheduledFuture<?> handshakeTimeout;
    String closeReason;
    /** Set when this link was closed as a duplicate of a live link to the same peer. */
    PeerInfo duplicateOf;
    /** The id a discovery claimed for this address; the handshake must prove exactly it. */
    NodeId expectedId;
    /** Monotonic time of the last frame received, for keepalive and dead-link detection. */
    long lastReceivedNanos = System.nanoTime();
    /** Monotonic time of the last PING sent. */
    long lastPingNanos;
    /** Callers of {@code connect()} waiting for this link to authenticate. */
    final List<CompletableFuture<PeerInfo>> waiters = new ArrayList<>(1);

    LinkSession(Link link, byte[] ownHello) {
        this.link = link;
        this.ownHello = ownHello;
    }

    NodeId peerId() {
        return peerHello == null ? null : peerHello.id();
    }

    boolean ready() {
        return state == State.READY;
    }

    @Override
    public String toString() {
        return (link.inbound() ? "in " : "out ") + link.remoteAddress()
                + (peerHello == null ? "" : " " + peerHello.username() + "#"
                        + peerHello.id().shortHex());
    }
}
