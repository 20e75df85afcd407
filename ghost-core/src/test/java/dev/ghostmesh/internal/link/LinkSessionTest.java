package dev.ghostmesh.internal.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.crypto.PlaintextFrames;
import dev.ghostmesh.internal.runtime.TokenBucket;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The link's state machine: handshaking → ready → closing, or handshaking → closing, never
 * back; what each phase exposes; and that a closing link keeps the first reason it was given.
 */
class LinkSessionTest {
    private final RecordingLink link = new RecordingLink();
    private final LinkSession s = new LinkSession(link, new TokenBucket(10, 10, 0), 0);
    private final Identity peerIdentity = Identity.generate();
    private final LinkFrames.Hello hello = new LinkFrames.Hello(peerIdentity.id(),
            new byte[32], new byte[32], "bob", 7000);
    private final PeerInfo peer = new PeerInfo(peerIdentity.id(), "bob",
            PeerAddress.tcp("127.0.0.1", 7000), 7000, false, Instant.EPOCH);

    @Test
    void startsHandshakingWithNoPeerAndSendsNothingThroughACipher() {
        assertTrue(s.handshaking());
        assertFalse(s.ready());
        assertFalse(s.authenticated());
        assertNull(s.peer());
        assertNull(s.peerId());
        assertFalse(s.send(new byte[] {1}), "no cipher before the handshake is done");
        assertTrue(link.sent.isEmpty());
    }

    @Test
    void becomesReadyOnlyOnceTheHandshakeIsDone() {
        assertThrows(IllegalStateException.class, () -> s.becomeReady(peer), "no identity yet");
        s.handshake().peerHello = hello;
        assertEquals(peerIdentity.id(), s.peerId(), "identified before it is ready");
        assertThrows(IllegalStateException.class, () -> s.becomeReady(peer), "no cipher yet");
        s.handshake().cipher = PlaintextFrames.INSTANCE;

        LinkState.Ready ready = s.becomeReady(peer);

        assertTrue(s.ready());
        assertTrue(s.authenticated());
        assertFalse(s.handshaking());
        assertNull(s.handshake(), "a ready link keeps no handshake state");
        assertSame(peer, s.peer());
        assertSame(hello, ready.hello);
        assertTrue(s.send(new byte[] {1}));
        assertEquals(1, link.sent.size());
        assertThrows(IllegalStateException.class, () -> s.becomeReady(peer), "only once");
    }

    @Test
    void aReadyLinkClosingStaysAuthenticatedAndKeepsItsFirstReason() {
        makeReady();

        assertTrue(s.beginClosing("flooding", null));
        assertFalse(s.beginClosing("connection closed", null), "the first reason stands");

        assertTrue(s.closing());
        assertFalse(s.ready());
        assertTrue(s.authenticated(), "frames already in flight are still genuine");
        assertSame(peer, s.peer());
        assertEquals("flooding", s.closeReason());
        assertInstanceOf(LinkState.Ready.class, ((LinkState.Closing) s.state()).before());
        assertThrows(IllegalStateException.class, () -> s.becomeReady(peer), "no way back");
    }

    @Test
    void aLinkClosedDuringItsHandshakeNeverBecomesAuthenticated() {
        s.handshake().peerHello = hello;
        s.handshake().foreign = "is not a node";
        s.beginClosing("refused: it was dropped for flooding", null);

        assertTrue(s.closing());
        assertFalse(s.handshaking());
        assertFalse(s.authenticated());
        assertNull(s.peer());
        assertEquals("is not a node", ForeignPeer.foreign(s), "what the handshake learned stays");
        assertThrows(IllegalStateException.class, () -> s.becomeReady(peer));
    }

    @Test
    void aDuplicateRemembersTheLiveLinksPeer() {
        makeReady();
        s.beginClosing("duplicate link", peer);
        assertSame(peer, s.duplicateOf());
    }

    @Test
    void aSecureLinkWhoseQueueRefusesAFrameClosesWithThatReason() {
        // The open profile's pass-through cipher has no nonces to lose, so only a link cipher
        // closes on a refused frame; here the plaintext one must not.
        makeReady();
        link.refuse = true;
        assertFalse(s.send(new byte[] {1}));
        assertFalse(s.closing(), "a plaintext link loses nothing a later frame depends on");
        assertFalse(link.closed);
    }

    private void makeReady() {
        s.handshake().peerHello = hello;
        s.handshake().cipher = PlaintextFrames.INSTANCE;
        s.becomeReady(peer);
    }
}
