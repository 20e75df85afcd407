package dev.ghostmesh.internal.link;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.crypto.FrameCipher;
import dev.ghostmesh.internal.crypto.LinkCipher;
import dev.ghostmesh.internal.runtime.TokenBucket;
import dev.ghostmesh.spi.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The node's view of one transport link: its {@link LinkState} (handshaking, ready, closing),
 * which only the transitions here change, and what every phase shares (liveness, the per-link
 * rate limit, the {@code connect()} callers waiting for it). Every frame this node puts on the
 * link after the handshake goes through {@link #send} and the link's cipher: in the secure
 * profile there is no way to send plaintext after the handshake.
 *
 * <p>Threading: confined to the node's loop.
 */
public final class LinkSession {
    final Link link;
    /** Monotonic time of the last frame received, for keepalive and dead-link detection. */
    long lastReceivedNanos;
    /** Inbound frames this link may still send now (per-link rate limit). */
    final TokenBucket inboundBudget;
    /** Frames dropped for being over the rate limit, since the last penalty check. */
    int overLimit;
    /** Times this link was penalised for flooding. */
    int penalties;
    /** Callers of {@code connect()} waiting for this link to authenticate. */
    final List<CompletableFuture<PeerInfo>> waiters = new ArrayList<>(1);
    private LinkState state = new LinkState.Handshaking();
    /** Packets sent in the link's first seconds, or null once they are not kept (EarlyFrames). */
    List<byte[]> early;
    /** Monotonic time the link became ready. */
    long readyNanos;

    LinkSession(Link link, TokenBucket inboundBudget, long nowNanos) {
        this.link = link;
        this.lastReceivedNanos = nowNanos;
        this.inboundBudget = inboundBudget;
    }

    /**
     * Handshaking → ready: the handshake proved the peer and the link may carry packets.
     *
     * @throws IllegalStateException if the link is not handshaking, or its handshake is not
     *     done (no cipher or no identity yet)
     */
    LinkState.Ready becomeReady(PeerInfo peer) {
        if (!(state instanceof LinkState.Handshaking h) || h.cipher == null
                || h.peerHello == null) {
            throw new IllegalStateException("link " + this + " cannot become ready from "
                    + state.getClass().getSimpleName());
        }
        LinkState.Ready ready = new LinkState.Ready(h.cipher, h.peerHello, peer);
        state = ready;
        return ready;
    }

    /**
     * Handshaking or ready → closing. False if the link was already closing: the first reason
     * is kept, as later ones are its consequences.
     */
    boolean beginClosing(String reason, PeerInfo duplicateOf) {
        if (state instanceof LinkState.Closing) {
            return false;
        }
        state = new LinkState.Closing(reason, state, duplicateOf);
        return true;
    }

    LinkState state() {
        return state;
    }

    /** The handshake's state while handshaking or closing from it; null once it was ready. */
    LinkState.Handshaking handshake() {
        LinkState s = state instanceof LinkState.Closing c ? c.before() : state;
        return s instanceof LinkState.Handshaking h ? h : null;
    }

    /** The ready state while ready or closing after it; null if it never became ready. */
    private LinkState.Ready readyState() {
        LinkState s = state instanceof LinkState.Closing c ? c.before() : state;
        return s instanceof LinkState.Ready r ? r : null;
    }

    /** True while the handshake runs (not once the link is closing). */
    boolean handshaking() {
        return state instanceof LinkState.Handshaking;
    }

    /** True while the link is ready and not closing. */
    public boolean ready() {
        return state instanceof LinkState.Ready;
    }

    /** True once the handshake proved the peer, closing or not: its frames are genuine. */
    public boolean authenticated() {
        return readyState() != null;
    }

    boolean closing() {
        return state instanceof LinkState.Closing;
    }

    /** Why this node closed the link, or null if it has not. */
    String closeReason() {
        return state instanceof LinkState.Closing c ? c.reason() : null;
    }

    /** The live link's peer, when this one closed as its duplicate; else null. */
    PeerInfo duplicateOf() {
        return state instanceof LinkState.Closing c ? c.duplicateOf() : null;
    }

    /** The peer's identity as its handshake proved it; null before its identity message. */
    public LinkFrames.Hello hello() {
        LinkState.Ready r = readyState();
        if (r != null) {
            return r.hello;
        }
        LinkState.Handshaking h = handshake();
        return h == null ? null : h.peerHello;
    }

    public NodeId peerId() {
        LinkFrames.Hello hello = hello();
        return hello == null ? null : hello.id();
    }

    /** The peer as the API shows it, once authenticated; else null. */
    public PeerInfo peer() {
        LinkState.Ready r = readyState();
        return r == null ? null : r.peer;
    }

    /** The cipher frames go through: once the handshake is done; null before. */
    FrameCipher cipher() {
        LinkState.Ready r = readyState();
        if (r != null) {
            return r.cipher;
        }
        LinkState.Handshaking h = handshake();
        return h == null ? null : h.cipher;
    }

    /**
     * Encrypts a plaintext frame (open profile: passes it as it is) and queues it; false if the
     * handshake is not done or the link's queue is full (the caller counts the drop).
     */
    public boolean send(byte[] plaintext) {
        FrameCipher cipher = cipher();
        if (cipher == null) {
            return false;
        }
        if (link.send(cipher.encrypt(plaintext))) {
            // Packets only (an envelope is a fixarray of 11), not pings or link control.
            if (early != null && early.size() < EarlyFrames.MAX_FRAMES && plaintext.length > 0
                    && plaintext[0] == (byte) 0x9b) {
                early.add(plaintext);
            }
            return true;
        }
        if (cipher instanceof LinkCipher) {
            // The refused frame used up a nonce the peer will expect next: every later frame
            // would fail to decrypt there, and the peer would blame this node for tampering.
            // The stream is broken either way, so close it plainly, with the real reason.
            beginClosing("its outbound queue was full: a frame was dropped", null);
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
        LinkFrames.Hello hello = hello();
        return (link.inbound() ? "in " : "out ") + link.remoteAddress()
                + (hello == null ? "" : " " + hello.username() + "#" + hello.id().shortHex());
    }
}
