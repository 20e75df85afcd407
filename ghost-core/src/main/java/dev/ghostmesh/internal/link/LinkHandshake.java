package dev.ghostmesh.internal.link;

import dev.ghostmesh.SecurityProfile;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.codec.OpenLinkFrames;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.crypto.NoiseHandshake;
import dev.ghostmesh.internal.identity.ApiInternals;
import dev.ghostmesh.internal.runtime.NodeContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the Noise XX handshake of each link. The dialer (initiator) sends an ephemeral key;
 * the acceptor answers with its ephemeral and encrypted static key and identity payload; the
 * dialer checks who that is <em>before</em> it reveals itself in the third message, so a link
 * dialed for a false claim is dropped without the other end ever admitting it. A node of the
 * open profile hands every link to {@link OpenHandshake} instead; a secure node that meets one
 * says so ({@link OpenLinkFrames#MISMATCH}) and closes the link.
 *
 * <p>Threading: confined to the node thread.
 */
final class LinkHandshake {
    private static final Logger log = LoggerFactory.getLogger(LinkHandshake.class);
    private static final byte[] EMPTY = new byte[0];
    /** Why a secure node refuses an open one; the open side says the converse. */
    static final String OPEN_PEER = "peer uses the open profile; this node requires secure";

    /** What the link manager decides once the peer's identity is known. */
    interface Verdict {
        /** Null to go on, else why the link must close (the caller has already closed it). */
        String onIdentified(LinkSession s);

        /** Both sides are authenticated and the ciphers are in place. */
        void onAuthenticated(LinkSession s);

        /** The handshake failed; close the link with this reason. */
        void onFailed(LinkSession s, String reason, boolean invalid);
    }

    private final NodeContext node;
    private final byte[] prologue;
    private final byte[] staticPrivate;
    /** The open profile's handshake, or null in the secure profile. */
    private final OpenHandshake open;
    private final Verdict verdict;
    private byte[] ownPayload;
    private int ownPayloadPort = -1;

    LinkHandshake(NodeContext node, byte[] networkId, Verdict verdict) {
        this.node = node;
        this.verdict = verdict;
        this.prologue = LinkFrames.prologue(networkId);
        this.staticPrivate = ApiInternals.agreementPrivateKey(node.identity());
        this.open = node.config().profile() == SecurityProfile.OPEN
                ? new OpenHandshake(node, networkId, verdict) : null;
    }

    /** A link came up: set up its side of the handshake; the dialer speaks first. */
    void start(LinkSession s) {
        if (open != null) {
            open.start(s);
            return;
        }
        LinkState.Handshaking h = s.handshake();
        h.noise = s.link.inbound() ? NoiseHandshake.responder(prologue, staticPrivate)
                : NoiseHandshake.initiator(prologue, staticPrivate);
        if (h.noise.mustWrite() && !s.sendHandshake(h.noise.write(EMPTY))) {
            verdict.onFailed(s, "link refused the handshake", false);
        }
    }

    /** A frame arrived on a link that is still handshaking. */
    void onFrame(LinkSession s, byte[] frame) {
        if (ForeignPeer.isForeignReply(s, frame, open != null)) {
            verdict.onFailed(s, ForeignPeer.reason(s), true);
            return;
        }
        if (open != null) {
            open.onFrame(s, frame);
            return;
        }
        if (OpenLinkFrames.isOpenFrame(frame)) {
            // An open-profile node (a Noise message starting with the magic has a chance of
            // 2^-64). Tell it why, unless it is telling us, so both ends can say it.
            if (OpenLinkFrames.kind(frame) != OpenLinkFrames.MISMATCH) {
                s.sendHandshake(OpenLinkFrames.mismatch());
            }
            refuseMismatch(node, verdict, s, OPEN_PEER);
            return;
        }
        LinkState.Handshaking h = s.handshake();
        byte[] payload;
        boolean identifies;
        try {
            boolean knewPeer = h.noise.hasRemoteStatic();
            payload = h.noise.read(frame);
            identifies = !knewPeer && h.noise.hasRemoteStatic();
        } catch (CryptoException e) {
            verdict.onFailed(s, "handshake failed: " + e.getMessage(), true);
            return;
        }
        if (!identifies && payload.length > 0) {
            // Only the identity messages carry a payload; the first is sent in the clear, so
            // anything in it would be unauthenticated plaintext.
            verdict.onFailed(s, "protocol error: payload in the first handshake message", true);
            return;
        }
        if (identifies) {
            try {
                h.peerHello = LinkFrames.decodeHandshakePayload(payload, h.noise.remoteStatic(),
                        node.signatures());
            } catch (PacketDecodeException e) {
                verdict.onFailed(s, "invalid handshake: " + e.getMessage(), true);
                return;
            }
            if (verdict.onIdentified(s) != null) {
                return;
            }
        }
        if (h.noise.mustWrite() && !s.sendHandshake(h.noise.write(ownPayload()))) {
            verdict.onFailed(s, "link refused the handshake", false);
            return;
        }
        if (h.noise.done()) {
            h.cipher = h.noise.split();
            h.noise = null; // the handshake state holds keys we no longer need
            if (s.link.inbound()) {
                // We have checked the dialer; tell it so, in the first encrypted frame.
                if (!s.send(LinkFrames.keepalive(PacketType.ACCEPT))) {
                    verdict.onFailed(s, "link refused the handshake", false);
                    return;
                }
                verdict.onAuthenticated(s);
            }
            // The dialer waits for ACCEPT: the acceptor may still refuse it (a ban, a cap, a
            // disconnect), and connect() must not report a link that is about to vanish.
        }
    }

    /** The first decrypted frame on a link we dialed: it must be the acceptor's ACCEPT. */
    void onConfirmation(LinkSession s, byte[] frame) {
        if (PacketCodec.peekType(frame) != PacketType.ACCEPT) {
            verdict.onFailed(s, "protocol error: expected ACCEPT", true);
            return;
        }
        verdict.onAuthenticated(s);
    }

    /** Closes a link whose peer uses the other profile: refused, not invalid, and logged. */
    static void refuseMismatch(NodeContext node, Verdict verdict, LinkSession s, String reason) {
        node.counters().linksRefused.incrementAndGet();
        log.warn("link {} refused: {}", s.link.remoteAddress(), reason);
        verdict.onFailed(s, reason, false);
    }

    /** Our identity payload; the signature over our static key only changes with the port. */
    private byte[] ownPayload() {
        int port = node.listenPort();
        if (ownPayload == null || port != ownPayloadPort) {
            ownPayload = LinkFrames.handshakePayload(node.identity(), node.signatures(),
                    node.username(), port);
            ownPayloadPort = port;
        }
        return ownPayload;
    }
}
