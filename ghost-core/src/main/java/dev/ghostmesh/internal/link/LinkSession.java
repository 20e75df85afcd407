package dev.ghostmesh.internal.link;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.crypto.FrameCipher;
import dev.ghostmesh.internal.crypto.LinkCipher;
import dev.ghostmesh.internal.crypto.NoiseHandshake;
import dev.ghostmesh.internal.runtime.Timer;
import dev.ghostmesh.internal.runtime.TokenBucket;
import dev.ghostmesh.spi.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The node's view of one transport link: the handshake (Noise, or the open profile's plaintext
 * hello), then the peer and the link's cipher. Every frame this node puts on the link after the
 * handshake goes through {@link #send} and its cipher: in the secure profile there is no way to
 * send plaintext after the handshake.
 *
 * <p>Threading: confined to the node thread.
 */
public final class LinkSession {
    enum State { HANDSHAKING, READY, CLOSED }

    final Link link;
    State state = State.HANDSHAKING;
    NoiseHandshake noise;
    /** Open profile, acceptor: the dialer's START has arrived and our HELLO answered it. */
    boolean openStarted;
    /** Set when the handshake is done: encrypts (secure) or passes frames through (open). */
    FrameCipher cipher;
    public LinkFrames.Hello peerHello;
    public PeerInfo peer;
    Timer handshakeTimeout;
    String closeReason;
    /** Set when this link was closed as a duplicate of a live link to the same peer. */
    PeerInfo duplicateOf;
    /** True once any handshake frame has arrived (a dialed link: the peer answered). */
    boolean answered;
    /** Why what answered a dial is no node ({@link ForeignPeer}), or null. */
    String foreign;
    /** The id a discovery claimed for this address; the handshake must prove exactly it. */
    NodeId expectedId;
    /** Monotonic time of the last frame received, for keepalive and dead-link detection. */
    long lastReceivedNanos;
    /** Monotonic time of the last PING sent. */
    long lastPingNanos;
    /** Inbound frames this link may still send now (per-link rate limit). */
    final TokenBucket inboundBudget;
    /** Frames dropped for being over the rate limit, since the last penalty check. */
    int overLimit;
    /** Times this link was penalised for flooding. */
    int penalties;
    /** Callers of {@code connect()} waiting for this link to authenticate. */
    final List<CompletableFuture<PeerInfo>> waiters = new ArrayList<>(1);

    LinkSession(Link link, TokenBucket inboundBudget, long nowNanos) {
        this.link = link;
        this.lastReceivedNanos = nowNanos;
        this.inboundBudget = inboundBudget;
    }

    public NodeId peerId() {
        return peerHello == null ? null : peerHello.id();
    }

    public boolean ready() {
        return state == State.READY;
    }

    /**
     * Encrypts a plaintext frame (open profile: passes it as it is) and queues it; false if the
     * link is not ready or its queue is full (the caller counts the drop).
     */
    public boolean send(byte[] plaintext) {
        if (cipher == null) {
            return false;
        }
        if (link.send(cipher.encrypt(plaintext))) {
            return true;
        }
        if (cipher instanceof LinkCipher) {
            // The refused frame used up a nonce the peer will expect next: every later frame
            // would fail to decrypt there, and the peer would blame this node for tampering.
            // The stream is broken either way, so close it plainly, with the real reason.
            if (closeReason == null) {
                closeReason = "its outbound queue was full: a frame was dropped";
            }
            link.close();
        }
        return false;
    }

    /** Queues a handshake frame (the only frames that do not go through the cipher). */
    boolean sendHandshake(byte[] message) {
        return link.send(message);
    }

    @Override
    public String toString() {
        return (link.inbound() ? "in " : "out ") + link.remoteAddress()
                + (peerHello == null ? "" : " " + peerHello.username() + "#"
                        + peerHello.id().shortHex());
    }
}
