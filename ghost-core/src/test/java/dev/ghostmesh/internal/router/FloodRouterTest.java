package dev.ghostmesh.internal.router;

import static dev.ghostmesh.testing.ByteSearch.indexOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.router.FloodRouter.Decision;
import dev.ghostmesh.internal.router.FloodRouter.Outcome;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FloodRouterTest {
    private static final Identity ME = Identity.generate();
    private static final Identity ALICE = Identity.generate();
    private static final Identity CAROL = Identity.generate();
    private static final long NOW = 1_780_000_000_000L;
    private static final String L1 = "link-1";
    private static final String L2 = "link-2";
    private static final String L3 = "link-3";
    private static final List<String> LINKS = List.of(L1, L2, L3);

    private final Random ids = new Random(3);
    private final FloodRouter<String> router =
            new FloodRouter<>(ME.nodeId(), new SeenCache(1024, 600_000));

    private byte[] broadcast(Identity from, String text, int ttl) {
        return PacketCodec.encode(from, PacketType.BROADCAST, MessageId.random(ids), ttl, NOW,
                Bodies.broadcast(text));
    }

    @Test
    void newBroadcastIsDeliveredAndForwardedToEveryOtherLinkWithTtlMinusOne() throws Exception {
        Decision<String> d = router.route(broadcast(ALICE, "hi", 5), L1, LINKS, NOW);
        assertEquals(Outcome.ACCEPTED, d.outcome());
        assertTrue(d.deliver());
        assertEquals(new Bodies.Broadcast("hi"), d.body());
        assertEquals(List.of(L2, L3), d.forwardTo(), "split horizon: never back to link-1");
        assertEquals(4, PacketCodec.decode(d.forwardFrame()).ttl());
        assertTrue(PacketCodec.decode(d.forwardFrame()).verify());
    }

    @Test
    void secondCopyIsDroppedAsDuplicateFromAnyLink() {
        byte[] frame = broadcast(ALICE, "once", 5);
        assertEquals(Outcome.ACCEPTED, router.route(frame, L1, LINKS, NOW).outcome());
        Decision<String> again = router.route(frame, L2, LINKS, NOW);
        assertEquals(Outcome.DUPLICATE, again.outcome());
        assertFalse(again.deliver());
        assertNull(again.forwardFrame());
    }

    @Test
    void packetWithTtlOneIsDeliveredButNotForwarded() {
        Decision<String> d = router.route(broadcast(ALICE, "last hop", 1), L1, LINKS, NOW);
        assertTrue(d.deliver());
        assertNull(d.forwardFrame());
        assertTrue(d.forwardTo().isEmpty());
    }

    @Test
    void ownPacketsAreSeenWhenSentSoEchoesDie() throws Exception {
        byte[] own = broadcast(ME, "mine", 5);
        assertEquals(LINKS, router.originate(PacketCodec.decode(own), LINKS, NOW));
        Decision<String> echo = router.route(own, L2, LINKS, NOW);
        assertEquals(Outcome.DUPLICATE, echo.outcome());
        assertFalse(echo.deliver());
        // Even one we never sent (e.g. from before a restart) is not shown or relayed.
        Decision<String> old = router.route(broadcast(ME, "before restart", 5), L2, LINKS, NOW);
        assertEquals(Outcome.OWN_ECHO, old.outcome());
        assertNull(old.forwardFrame());
    }

    @Test
    void forgedSignatureIsDroppedAndDoesNotPoisonTheSeenCache() throws Exception {
        byte[] genuine = broadcast(ALICE, "pay bob 5", 5);
        byte[] forged = genuine.clone();
        int textAt = indexOf(forged, "pay bob 5".getBytes());
        forged[textAt + 8] = '9';
        Decision<String> d = router.route(forged, L1, LINKS, NOW);
        assertEquals(Outcome.BAD_SIGNATURE, d.outcome());
        assertFalse(d.deliver());
        assertNull(d.forwardFrame());
        assertEquals(Outcome.ACCEPTED, router.route(genuine, L2, LINKS, NOW).outcome(),
                "the genuine packet with the same id must still get through");
    }

    @Test
    void aCopyOfTheIdSignedByAnotherOriginCannotSuppressTheGenuinePacket() throws Exception {
        byte[] genuine = broadcast(ALICE, "from alice", 5);
        var id = PacketCodec.decode(genuine).id();
        byte[] racer = PacketCodec.encode(CAROL, PacketType.BROADCAST, id, 5, NOW,
                Bodies.broadcast("carol raced alice's id"));
        assertEquals(Outcome.ACCEPTED, router.route(racer, L1, LINKS, NOW).outcome());
        Decision<String> d = router.route(genuine, L2, LINKS, NOW);
        assertEquals(Outcome.ACCEPTED, d.outcome());
        assertTrue(d.deliver());
    }

    @Test
    void originWhoseKeyDoesNotHashToItsIdIsDropped() {
        byte[] frame = broadcast(ALICE, "hello", 5);
        byte[] spoofed = frame.clone();
        int idAt = indexOf(spoofed, ALICE.nodeId().bytes());
        CAROL.nodeId().writeTo(spoofed, idAt); // claim to be carol, keep alice's key and signature
        assertEquals(Outcome.BAD_SIGNATURE, router.route(spoofed, L1, LINKS, NOW).outcome());
    }

    @Test
    void unknownTypeIsRelayedUnchangedButNeverDelivered() throws Exception {
        byte[] body = {(byte) 0x92, 1, 2};
        byte[] frame = PacketCodec.encode(ALICE, 42, MessageId.random(ids), 5, NOW, body);
        Decision<String> d = router.route(frame, L1, LINKS, NOW);
        assertEquals(Outcome.ACCEPTED, d.outcome());
        assertFalse(d.deliver());
        assertEquals(List.of(L2, L3), d.forwardTo());
        byte[] expected = frame.clone();
        expected[expected.length - 1] = 4;
        assertArrayEquals(expected, d.forwardFrame(), "only the remaining TTL may change");
    }

    @Test
    void privateMessageIsDeliveredOnlyAtItsTargetAndRelayedElsewhere() {
        byte[] toCarol = PacketCodec.encode(ALICE, PacketType.PRIVATE, MessageId.random(ids), 5,
                NOW, sealedFor(CAROL.nodeId()));
        Decision<String> relay = router.route(toCarol, L1, LINKS, NOW);
        assertFalse(relay.deliver());
        assertEquals(List.of(L2, L3), relay.forwardTo());

        byte[] toMe = PacketCodec.encode(ALICE, PacketType.PRIVATE, MessageId.random(ids), 5,
                NOW, sealedFor(ME.nodeId()));
        Decision<String> mine = router.route(toMe, L1, LINKS, NOW);
        assertTrue(mine.deliver());
        assertEquals(ME.nodeId(), ((Bodies.Private) mine.body()).target());
    }

    /** A PRIVATE body for {@code target}; the router never opens it, so any bytes will do. */
    private static byte[] sealedFor(dev.ghostmesh.NodeId target) {
        return Bodies.privateMessage(target, ALICE.agreementPublicKey(),
                ME.agreementPublicKey(), new byte[24]);
    }

    @Test
    void malformedFramesAreDroppedWithAReason() {
        Decision<String> d = router.route(new byte[] {1, 2, 3}, L1, LINKS, NOW);
        assertEquals(Outcome.MALFORMED, d.outcome());
        assertFalse(d.deliver());
        assertNull(d.forwardFrame());
        assertTrue(d.reason() != null && !d.reason().isBlank());
        // Signed by its origin but with a body no node can read: dropped, not relayed.
        byte[] badBody = PacketCodec.encode(ALICE, PacketType.BROADCAST, MessageId.random(ids),
                5, NOW, new byte[] {(byte) 0x91, 0x07});
        Decision<String> b = router.route(badBody, L1, LINKS, NOW);
        assertEquals(Outcome.MALFORMED, b.outcome());
        assertNull(b.forwardFrame());
    }

    @Test
    void seenCacheBoundForgetsOldIdsFirst() {
        FloodRouter<String> small = new FloodRouter<>(ME.nodeId(), new SeenCache(16, 600_000));
        byte[] first = broadcast(ALICE, "first", 5);
        small.route(first, L1, LINKS, NOW);
        for (int i = 0; i < 16; i++) {
            small.route(broadcast(ALICE, "filler " + i, 5), L1, LINKS, NOW);
        }
        assertEquals(Outcome.ACCEPTED, small.route(first, L2, LINKS, NOW).outcome(),
                "a bounded cache forgets its oldest id once full");
    }
}
