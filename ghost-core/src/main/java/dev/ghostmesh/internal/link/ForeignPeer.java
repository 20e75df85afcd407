package dev.ghostmesh.internal.link;

import dev.ghostmesh.MeshException;
import dev.ghostmesh.internal.codec.OpenLinkFrames;
import java.net.ProtocolException;
import java.time.Duration;

/**
 * Tells, on a link this node dialed, that what answered is not a node of this protocol at all
 * (an HTTP or SSH server, any other service at a mistyped address), so the user reads
 * {@code tcp:10.0.0.5:80 is not a ghost-terminal node} rather than a framing error about a length
 * prefix that was really the text "HTTP". Only the first reply can tell: a node's first frame
 * back is a Noise handshake message (or an open-profile frame, which starts with its magic), so
 * a stream that is not frames, or a first frame too short to be either, is a foreign service; a
 * service that answers nothing shows as silence until the handshake timeout.
 *
 * <p>Threading: confined to the node thread (static helpers on a {@link LinkSession}).
 */
final class ForeignPeer {
    /** The whole sentence after the address, for a service that answered with non-frames. */
    static final String NOT_A_NODE = "is not a ghost-terminal node";
    /**
     * The shortest Noise XX second message: e (32 bytes), the encrypted static key (32 + 16
     * tag), and an encrypted payload (16-byte tag, plus an identity payload that is never empty).
     */
    static final int MIN_NOISE_REPLY = 32 + 48 + 16;

    /** A connect() failure that names the address it was dialed at in its message. */
    static final class Failure extends MeshException {
        private static final long serialVersionUID = 1L;

        /** {@code predicate} follows the address: "is not a ghost-terminal node". */
        Failure(String predicate) {
            super(predicate);
        }

        /** The message for a dial to {@code address}: the address, then the predicate. */
        String about(Object address) {
            return address + " " + getMessage();
        }
    }

    private ForeignPeer() {}

    /**
     * Called for every handshake frame; true (and the session marked) if it is the first reply
     * on a dialed link and can be no node's first reply.
     */
    static boolean isForeignReply(LinkSession s, byte[] frame, boolean openProfile) {
        LinkState.Handshaking h = s.handshake();
        boolean first = !h.answered;
        h.answered = true;
        if (!first || s.link.inbound() || OpenLinkFrames.isOpenFrame(frame)) {
            return false;
        }
        // An open node only ever answers with open frames; a secure one with Noise, or with an
        // open MISMATCH (magic first) to an open dialer.
        if (openProfile || frame.length < MIN_NOISE_REPLY) {
            h.foreign = NOT_A_NODE;
            return true;
        }
        return false;
    }

    /**
     * The reason for a dialed link that the transport closed because its bytes were not frames
     * (a bad length prefix) before any reply: not a node. Null for anything else.
     */
    static String onClosedByTransport(LinkSession s, Throwable cause) {
        LinkState.Handshaking h = s.handshake();
        if (cause instanceof ProtocolException && h != null && !h.answered
                && !s.link.inbound()) {
            h.foreign = NOT_A_NODE;
            return reason(s);
        }
        return null;
    }

    /** Why a handshake timed out: a dialed service that accepted but never answered says so. */
    static String onTimeout(LinkSession s, Duration timeout) {
        LinkState.Handshaking h = s.handshake();
        if (s.link.inbound() || h.answered) {
            return "handshake timed out";
        }
        h.foreign = "accepted the connection but sent no handshake within "
                + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s"
                        : timeout.toMillis() + " ms") + " (is it a ghost-terminal node?)";
        return reason(s);
    }

    /** The close reason of a session found foreign: its address, then why. */
    static String reason(LinkSession s) {
        return s.link.remoteAddress() + " " + foreign(s);
    }

    /** What {@code connect()} callers waiting on {@code s} fail with. */
    static MeshException failure(LinkSession s, String reason) {
        String foreign = foreign(s);
        return foreign != null ? new Failure(foreign) : new MeshException(reason);
    }

    /** Why what answered a dial of {@code s} is no node, or null. */
    static String foreign(LinkSession s) {
        LinkState.Handshaking h = s.handshake();
        return h == null ? null : h.foreign;
    }
}
