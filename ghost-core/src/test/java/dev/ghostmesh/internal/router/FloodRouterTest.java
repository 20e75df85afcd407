package dev.ghostmesh.internal.router;

import static dev.ghostmesh.fixtures.ByteSearch.indexOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.internal.codec.AnnounceBody;
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
    private static final long DAY = 24 * 3600 * 1000L;
    private static final String L1 = "link-1";
    private static final String L2 = "link-2";
    private static final String L3 = "link-3";
    private static final List<String> LINKS = List.of(L1, L2, L3);

    private final Random ids = new Random(3);
    private long seq = 1;
    private final FloodRouter<String> router = router(1024);

    private static FloodRouter<String> router(int seenCapacity) {
        return new FloodRouter<>(ME.id(), new SeenCache(seenCapacity, 600_000),
                new ReplayWindow(64), DAY);
    }

    /** A packet with the next sequence number, as its origin would sign it. */
    private byte[] packet(Identity from, int type, long timestamp, byte[] body) {
        return PacketCodec.encode(from, type, MessageId.random(ids), 5, timestamp, seq++, body);
    }

    private byte[] broadcast(Identity from, String text, int ttl) {
        return PacketCodec.encode(from, PacketType.BROADCAST, MessageId.random(ids), ttl, NOW,
                seq++, Bodies.broadcast(text));
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
    void theRelayedFrameIsTheReceivedArrayWithOnlyItsTtlLowered() throws Exception {
        byte[] received = broadcast(ALICE, "zero copy", 5);
        byte[] before = received.clone();
        Decision<String> d = router.route(received, L1, LINKS, NOW);
        assertSame(received, d.forwardFrame(), "no copy between decode and forward");
        assertEquals(before.length, received.length);
        for (int i = 0; i < before.length - 1; i++) {
            assertEquals(before[i], received[i], "byte " + i + " must not change");
        }
        assertEquals(before[before.length - 1] - 1, received[received.length - 1]);
        assertEquals(5, d.packet().ttl(), "the decoded packet keeps the TTL it arrived with");
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
        byte[] racer = PacketCodec.encode(CAROL, PacketType.BROADCAST, id, 5, NOW, seq++,
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
        int idAt = indexOf(spoofed, ALICE.id().bytes());
        CAROL.id().writeTo(spoofed, idAt); // claim to be carol, keep alice's key and signature
        assertEquals(Outcome.BAD_SIGNATURE, router.route(spoofed, L1, LINKS, NOW).outcome());
    }

    @Test
    void unknownTypeIsRelayedUnchangedButNeverDelivered() throws Exception {
        byte[] body = {(byte) 0x92, 1, 2};
        byte[] frame = packet(ALICE, 42, NOW, body);
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
        byte[] toCarol = packet(ALICE, PacketType.PRIVATE, NOW,
                sealedFor(CAROL.id()));
        Decision<String> relay = router.route(toCarol, L1, LINKS, NOW);
        assertFalse(relay.deliver());
        assertEquals(List.of(L2, L3), relay.forwardTo());

        byte[] toMe = packet(ALICE, PacketType.PRIVATE, NOW,
                sealedFor(ME.id()));
        Decision<String> mine = router.route(toMe, L1, LINKS, NOW);
        assertTrue(mine.deliver());
        assertEquals(ME.id(), ((Bodies.Private) mine.body()).target());
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
        byte[] badBody = packet(ALICE, PacketType.BROADCAST, NOW, new byte[] {(byte) 0x91, 0x07});
        Decision<String> b = router.route(badBody, L1, LINKS, NOW);
        assertEquals(Outcome.MALFORMED, b.outcome());
        assertNull(b.forwardFrame());
    }

    @Test
    void aBroadcastReplayedAfterTheSeenCacheForgotItsIdIsRefusedAndNeverForwarded() {
        FloodRouter<String> small = router(16);
        byte[] first = broadcast(ALICE, "first", 5);
        assertEquals(Outcome.ACCEPTED, small.route(first, L1, LINKS, NOW).outcome());
        for (int i = 0; i < 16; i++) {
            small.route(broadcast(ALICE, "filler " + i, 5), L1, LINKS, NOW);
        }
        Decision<String> replay = small.route(first, L2, LINKS, NOW);
        assertEquals(Outcome.REPLAYED, replay.outcome(),
                "the seen cache forgot the id, the window did not");
        assertFalse(replay.deliver());
        assertNull(replay.forwardFrame());
        assertEquals(Outcome.DUPLICATE, small.route(first, L3, LINKS, NOW).outcome(),
                "a refused packet is marked seen, so further copies stop at the cheap check");
        assertEquals(Outcome.ACCEPTED, small.route(broadcast(ALICE, "new", 5), L1, LINKS, NOW)
                .outcome(), "the origin's next message still gets through");
    }

    @Test
    void aStatePacketReplayedAfterTheSeenCacheForgotItIsNotRefusedByTheWindow() {
        FloodRouter<String> small = router(16);
        byte[] announce = packet(ALICE, PacketType.ANNOUNCE, NOW, aliceAnnounce());
        assertEquals(Outcome.ACCEPTED, small.route(announce, L1, LINKS, NOW).outcome());
        for (int i = 0; i < 16; i++) {
            small.route(broadcast(ALICE, "filler " + i, 5), L1, LINKS, NOW);
        }
        // Nodes re-send known announces to every new link: this is that, not an attack.
        Decision<String> again = small.route(announce, L2, LINKS, NOW);
        assertEquals(Outcome.ACCEPTED, again.outcome());
        assertEquals(List.of(L1, L3), again.forwardTo());
    }

    @Test
    void messagesMayArriveOutOfOrderButEachSequenceNumberOnlyOnce() {
        seq = 500;
        byte[] late = broadcast(ALICE, "sent first", 5);
        seq = 900;
        byte[] early = broadcast(ALICE, "sent second", 5);
        assertEquals(Outcome.ACCEPTED, router.route(early, L1, LINKS, NOW).outcome());
        assertEquals(Outcome.ACCEPTED, router.route(late, L2, LINKS, NOW).outcome(),
                "overtaken on another path, within the window");
        seq = 500; // same number, new id: a replay dressed up as a new message
        byte[] sameSeq = broadcast(ALICE, "sent first", 5);
        assertEquals(Outcome.REPLAYED, router.route(sameSeq, L1, LINKS, NOW).outcome());
    }

    @Test
    void aForgedPacketDoesNotMoveTheOriginsWindow() {
        seq = 5;
        assertEquals(Outcome.ACCEPTED, router.route(broadcast(ALICE, "first", 5), L1, LINKS, NOW)
                .outcome());
        seq = 1_000_000;
        byte[] genuineFar = broadcast(ALICE, "pay bob 5", 5);
        byte[] forged = genuineFar.clone();
        forged[indexOf(forged, "pay bob 5".getBytes()) + 8] = '9';
        assertEquals(Outcome.BAD_SIGNATURE, router.route(forged, L1, LINKS, NOW).outcome());
        seq = 10;
        assertEquals(Outcome.ACCEPTED, router.route(broadcast(ALICE, "low", 5), L1, LINKS, NOW)
                .outcome(), "a window moved by the forgery would refuse this");
    }

    @Test
    void packetsDatedMoreThanTheSkewAheadAreStaleWhateverTheirType() {
        long ahead = NOW + DAY + 1;
        for (byte[] frame : List.of(packet(ALICE, PacketType.BROADCAST, ahead,
                        Bodies.broadcast("from the future")),
                packet(ALICE, PacketType.ANNOUNCE, ahead, aliceAnnounce()),
                packet(ALICE, PacketType.GOODBYE, ahead, Bodies.goodbye()))) {
            Decision<String> d = router.route(frame, L1, LINKS, NOW);
            assertEquals(Outcome.STALE, d.outcome());
            assertFalse(d.deliver());
            assertNull(d.forwardFrame());
            assertEquals(Outcome.DUPLICATE, router.route(frame, L2, LINKS, NOW).outcome());
        }
        assertEquals(Outcome.ACCEPTED, router.route(packet(ALICE, PacketType.BROADCAST,
                NOW + DAY, Bodies.broadcast("just in time")), L1, LINKS, NOW).outcome());
    }

    @Test
    void messagesDatedMoreThanTheSkewBackAreStaleButStatePacketsAreNot() {
        long behind = NOW - DAY - 1;
        assertEquals(Outcome.STALE, router.route(packet(ALICE, PacketType.BROADCAST, behind,
                Bodies.broadcast("old news")), L1, LINKS, NOW).outcome());
        assertEquals(Outcome.STALE, router.route(packet(ALICE, 42, behind, new byte[] {1}), L1,
                LINKS, NOW).outcome(), "unknown types count as messages");
        // State is re-sent to every new link however old it is (a group created last week).
        Decision<String> oldAnnounce = router.route(packet(ALICE, PacketType.ANNOUNCE,
                NOW - 7 * DAY, aliceAnnounce()), L1, LINKS, NOW);
        assertEquals(Outcome.ACCEPTED, oldAnnounce.outcome());
        assertEquals(Outcome.ACCEPTED, router.route(packet(ALICE, PacketType.BROADCAST,
                NOW - DAY, Bodies.broadcast("a day late")), L1, LINKS, NOW).outcome());
    }

    @Test
    void aRelayCannotRaiseTheHopLimit() throws Exception {
        byte[] frame = broadcast(ALICE, "three hops", 3);
        byte[] aboveOriginTtl = frame.clone();
        aboveOriginTtl[aboveOriginTtl.length - 1] = 4;
        assertEquals(Outcome.MALFORMED, router.route(aboveOriginTtl, L1, LINKS, NOW).outcome());
        // Raising the signed origin TTL along with it breaks the signature.
        var p = PacketCodec.decode(frame);
        byte[] bothRaised = frame.clone();
        int originTtlAt = p.keyOffset() + Identity.PUBLIC_KEY_LENGTH;
        assertEquals(3, bothRaised[originTtlAt]);
        bothRaised[originTtlAt] = 100;
        bothRaised[bothRaised.length - 1] = 100;
        assertEquals(Outcome.BAD_SIGNATURE, router.route(bothRaised, L1, LINKS, NOW).outcome());
        assertEquals(Outcome.ACCEPTED, router.route(frame, L1, LINKS, NOW).outcome());
    }

    private static byte[] aliceAnnounce() {
        return new AnnounceBody("alice", ALICE.codename(), 1, List.of(), List.of(),
                ALICE.agreementPublicKey()).encode();
    }

    @Test
    void aCopyAlreadySeenIsDroppedWithoutDecodingOrAllocating() {
        byte[] frame = packet(ALICE, PacketType.BROADCAST, NOW, Bodies.broadcast("once"));
        assertEquals(Outcome.ACCEPTED, router.route(frame, L1, LINKS, NOW).outcome());
        byte[] copy = frame.clone();
        copy[copy.length - 1] = 3; // another relay's copy, one hop further
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 10_000; i++) { // warm up, so the JIT has compiled the path
            router.route(copy, L2, LINKS, NOW);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000; i++) {
            assertEquals(Outcome.DUPLICATE, router.route(copy, L2, LINKS, NOW).outcome());
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1_000, "the duplicate path allocated " + allocated + " bytes");
    }
}
