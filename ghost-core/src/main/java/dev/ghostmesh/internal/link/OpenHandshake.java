package dev.ghostmesh.internal.link;

import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.codec.OpenLinkFrames;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.crypto.PlaintextFrames;
import dev.ghostmesh.internal.runtime.NodeContext;

/**
 * The open profile's handshake: plaintext, in the same order as the Noise one, so every check
 * happens at the same point. The dialer sends START (its network); the acceptor answers with
 * its HELLO (network, keys, name, port), or with its own START if it is on another network;
 * the dialer checks who that is <em>before</em> it sends its own HELLO, so a link dialed for a
 * false claim is dropped without the acceptor ever admitting it; the acceptor checks the dialer
 * and sends ACCEPT, after which frames pass through unencrypted. Nothing here is proven: a
 * HELLO is taken at its word, which is what the open profile means.
 *
 * <p>A frame that is not an open frame where the dialer's first frame belongs is a secure
 * node's Noise message: the acceptor says {@link OpenLinkFrames#MISMATCH} and closes; a
 * MISMATCH from the acceptor tells a dialer the same.
 *
 * <p>Threading: confined to the node thread.
 */
final class OpenHandshake {
    /** Why an open node refuses a secure one; the secure side says the converse. */
    static final String SECURE_PEER = "peer uses the secure profile; this node uses open";

    private final NodeContext node;
    private final byte[] networkId;
    private final LinkHandshake.Verdict verdict;
    private byte[] ownHello;
    private int ownHelloPort = -1;

    OpenHandshake(NodeContext node, byte[] networkId, LinkHandshake.Verdict verdict) {
        this.verdict = verdict;
        this.node = node;
        this.networkId = networkId.clone();
    }

    /** A link came up: the dialer speaks first, with START. */
    void start(LinkSession s) {
        if (!s.link.inbound() && !s.sendHandshake(OpenLinkFrames.start(networkId))) {
            verdict.onFailed(s, "link refused the handshake", false);
        }
    }

    /** A frame arrived on a link that is still handshaking. */
    void onFrame(LinkSession s, byte[] frame) {
        LinkState.Handshaking h = s.handshake();
        int kind = OpenLinkFrames.kind(frame);
        boolean awaitingStart = s.link.inbound() && !h.openStarted;
        if (kind == OpenLinkFrames.MISMATCH
                || (kind < 0 && awaitingStart && OpenLinkFrames.looksLikeNoiseStart(frame))) {
            if (kind < 0) {
                s.sendHandshake(OpenLinkFrames.mismatch());
            }
            LinkHandshake.refuseMismatch(node, verdict, s, SECURE_PEER);
            return;
        }
        try {
            if (awaitingStart) {
                boolean sameNetwork = OpenLinkFrames.sameNetwork(
                        OpenLinkFrames.decodeStart(frame), networkId);
                // On another network, answer with our START instead of our identity: the
                // dialer, expecting a HELLO, can then say why the link failed.
                if (!s.sendHandshake(sameNetwork ? ownHello() : OpenLinkFrames.start(networkId))) {
                    verdict.onFailed(s, "link refused the handshake", false);
                } else if (!sameNetwork) {
                    verdict.onFailed(s, "invalid open handshake: "
                            + OpenLinkFrames.ANOTHER_NETWORK, true);
                }
                h.openStarted = true;
                return;
            }
            if (kind == OpenLinkFrames.START && !s.link.inbound()) {
                OpenLinkFrames.decodeStart(frame); // malformed or not, the acceptor refused us
                throw new PacketDecodeException(OpenLinkFrames.ANOTHER_NETWORK);
            }
            h.peerHello = OpenLinkFrames.decodeHello(frame, networkId);
        } catch (PacketDecodeException e) {
            verdict.onFailed(s, "invalid open handshake: " + e.getMessage(), true);
            return;
        }
        if (verdict.onIdentified(s) != null) {
            return;
        }
        if (!s.link.inbound() && !s.sendHandshake(ownHello())) {
            verdict.onFailed(s, "link refused the handshake", false);
            return;
        }
        h.cipher = PlaintextFrames.INSTANCE;
        if (s.link.inbound()) {
            if (!s.send(LinkFrames.keepalive(PacketType.ACCEPT))) {
                verdict.onFailed(s, "link refused the handshake", false);
                return;
            }
            verdict.onAuthenticated(s);
        }
        // The dialer waits for ACCEPT (LinkHandshake.onConfirmation), as in the secure profile.
    }

    /** Our HELLO; it changes only with the listen port. */
    private byte[] ownHello() {
        int port = node.listenPort();
        if (ownHello == null || port != ownHelloPort) {
            ownHello = OpenLinkFrames.hello(node.identity(), node.username(), port, networkId);
            ownHelloPort = port;
        }
        return ownHello;
    }
}
