package dev.ghostmesh.internal.link;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.crypto.FrameCipher;
import dev.ghostmesh.internal.crypto.NoiseHandshake;
import dev.ghostmesh.internal.runtime.Timer;

/**
 * Where one link is in its life, and what only that phase needs. A link starts
 * {@link Handshaking}, becomes {@link Ready} when the handshake proves its peer, and ends
 * {@link Closing}, from either: the transitions are {@link LinkSession#becomeReady} and
 * {@link LinkSession#beginClosing}, and there is no way back. What a phase does not need it
 * does not hold: a ready link keeps no Noise state, a handshaking one has no peer.
 *
 * <p>Threading: confined to the node's loop.
 */
public sealed interface LinkState permits LinkState.Handshaking, LinkState.Ready,
        LinkState.Closing {

    /** Proving who is at the other end (Noise, or the open profile's hello). */
    final class Handshaking implements LinkState {
        /** The Noise handshake (secure profile); dropped once it splits into the cipher. */
        NoiseHandshake noise;
        /** Open profile, acceptor: the dialer's START has arrived and our HELLO answered it. */
        boolean openStarted;
        /** True once any handshake frame has arrived (a dialed link: the peer answered). */
        boolean answered;
        /** Why what answered a dial is no node ({@link ForeignPeer}), or null. */
        String foreign;
        /** The id a discovery or a dial claimed for this address; the handshake must prove it. */
        NodeId expectedId;
        /** Closes the link if the handshake takes too long. */
        Timer timeout;
        /** The peer's identity, once its identity message arrived and was checked. */
        LinkFrames.Hello peerHello;
        /**
         * Set when the handshake is done; the dialer then waits for the acceptor's ACCEPT, the
         * first frame through it, before the link is ready.
         */
        FrameCipher cipher;

        Handshaking() {
        }
    }

    /** Authenticated: every frame goes through {@link #cipher}. */
    final class Ready implements LinkState {
        final FrameCipher cipher;
        final LinkFrames.Hello hello;
        final PeerInfo peer;
        /** Monotonic time of the last PING sent. */
        long lastPingNanos;

        Ready(FrameCipher cipher, LinkFrames.Hello hello, PeerInfo peer) {
            this.cipher = cipher;
            this.hello = hello;
            this.peer = peer;
        }
    }

    /**
     * Closed by this node, or going down: the transport reports the link down next. A link
     * closed after it was ready still hands up the frames already in flight (they were sent
     * before the close); one closed during its handshake does not.
     *
     * @param reason why, the first reason given (later ones are consequences)
     * @param before the phase it closed from
     * @param duplicateOf the live link's peer, when this link closed as a duplicate of it
     */
    record Closing(String reason, LinkState before, PeerInfo duplicateOf) implements LinkState {
    }
}
