package dev.ghostmesh.internal.codec;

import static dev.ghostmesh.fixtures.ByteSearch.indexOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.PeerAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PacketCodecTest {
    private static final Identity ALICE = Identity.generate();
    private static final Identity BOB = Identity.generate();
    private static final long NOW = 1_780_000_000_000L;
    /** A sequence number as a node that started at NOW makes its sixth. */
    private static final long SEQ = (NOW << 20) | 5;

    static byte[] packet(int type, byte[] body, int ttl) {
        return PacketCodec.encode(ALICE, type, MessageId.random(new Random(type)), ttl, NOW, SEQ,
                body);
    }

    private static Packet decode(byte[] frame) throws PacketDecodeException {
        return PacketCodec.decode(frame);
    }

    @Test
    void envelopeRoundTripKeepsEveryField() throws Exception {
        MessageId id = MessageId.random(new Random(7));
        byte[] body = Bodies.broadcast("hi");
        byte[] frame = PacketCodec.encode(ALICE, PacketType.BROADCAST, id, 9, NOW, SEQ, body);
        Packet p = decode(frame);
        assertEquals(PacketType.BROADCAST, p.type());
        assertEquals(id, p.id());
        assertEquals(ALICE.id(), p.origin());
        assertArrayEquals(ALICE.publicKey(), p.originKey());
        assertEquals(9, p.originTtl());
        assertEquals(9, p.ttl());
        assertEquals(NOW, p.timestamp());
        assertEquals(SEQ, p.seq());
        assertArrayEquals(body, Arrays.copyOfRange(frame, p.bodyOffset(), p.bodyOffset() + p.bodyLength()));
        assertTrue(p.verify());
        assertEquals(1, p.hops());
    }

    @Test
    void everyBodyTypeRoundTrips() throws Exception {
        var announce = new AnnounceBody("alice", ALICE.codename(), 6666,
                List.of(PeerAddress.tcp("10.0.0.7", 6666), PeerAddress.tcp("::1", 5)),
                List.of(GroupName.of("Dev"), GroupName.of("ops_2")), ALICE.agreementPublicKey());
        assertEquals(announce, AnnounceBody.decode(decode(packet(PacketType.ANNOUNCE,
                announce.encode(), 16))));
        var create = new GroupBodies.Membership(ALICE.id(), GroupName.of("Dev"),
                List.of(GroupName.of("Dev")));
        for (int type : new int[] {PacketType.GROUP_CREATE, PacketType.GROUP_JOIN,
                PacketType.GROUP_LEAVE}) {
            assertEquals(create, GroupBodies.decodeMembership(decode(packet(type,
                    GroupBodies.membership(create), 16))));
        }
        assertEquals(new GroupBodies.GroupMessage(GroupName.of("Dev"), "hi team"),
                GroupBodies.decodeGroupMessage(decode(packet(PacketType.GROUP,
                        GroupBodies.groupMessage(GroupName.of("Dev"), "hi team"), 16))));
        assertEquals("héllo ✓ 👋", Bodies.decodeBroadcast(decode(packet(PacketType.BROADCAST,
                Bodies.broadcast("héllo ✓ 👋"), 16))).text());
        byte[] sealed = new byte[40];
        sealed[3] = 7;
        var priv = Bodies.decodePrivate(decode(packet(PacketType.PRIVATE,
                Bodies.privateMessage(BOB.id(), ALICE.agreementPublicKey(),
                        BOB.agreementPublicKey(), sealed), 16)));
        assertEquals(new Bodies.Private(BOB.id(), ALICE.agreementPublicKey(),
                BOB.agreementPublicKey(), sealed), priv);
        assertEquals(new PrivateContent.Text("psst"),
                PrivateContent.decode(PrivateContent.text("psst")));
        MessageId acked = MessageId.random(new java.util.Random(4));
        assertEquals(new PrivateContent.Receipt(acked),
                PrivateContent.decode(PrivateContent.receipt(acked)));
        Bodies.decodeGoodbye(decode(packet(PacketType.GOODBYE, Bodies.goodbye(), 16)));
        // Unknown flooded types decode as envelopes with an opaque body.
        for (int type : new int[] {42, PacketType.MAX_FLOODED}) {
            Packet p = decode(packet(type, new byte[] {1, 2, 3}, 16));
            assertEquals(type, p.type());
            assertEquals(3, p.bodyLength());
            assertTrue(p.verify());
        }
    }

    @Test
    void relayedCopyLowersOnlyTheTtlAndKeepsTheSignature() throws Exception {
        Packet p = decode(packet(PacketType.BROADCAST, Bodies.broadcast("x"), 16));
        Packet relayed = decode(p.withTtl(15));
        assertEquals(15, relayed.ttl());
        assertEquals(16, relayed.originTtl());
        assertEquals(2, relayed.hops());
        assertTrue(relayed.verify());
    }

    @Test
    void tamperingWithAnySignedByteBreaksTheSignature() throws Exception {
        byte[] frame = packet(PacketType.BROADCAST, Bodies.broadcast("pay bob 5"), 16);
        Packet p = decode(frame);
        for (int i = p.signedOffset(); i < p.signedOffset() + p.signedLength(); i++) {
            byte[] copy = frame.clone();
            copy[i] ^= 0x01;
            try {
                assertTrue(!decode(copy).verify(), "flip at " + i + " still verified");
            } catch (PacketDecodeException expected) {
                // A flip that breaks the structure is rejected even earlier.
            }
        }
    }

    @Test
    void originTtlIsSignedSoARelayCannotRaiseIt() throws Exception {
        byte[] frame = packet(PacketType.BROADCAST, Bodies.broadcast("x"), 3);
        Packet p = decode(frame);
        // Raising the remaining TTL above the signed origin TTL is rejected outright.
        byte[] raised = p.withTtl(4);
        assertThrows(PacketDecodeException.class, () -> decode(raised));
    }

    @Test
    void handshakePayloadRoundTripsAndBindsTheIdentityToTheNoiseStaticKey() throws Exception {
        byte[] payload = LinkFrames.handshakePayload(ALICE, "alice", 6666);
        LinkFrames.Hello a = LinkFrames.decodeHandshakePayload(payload,
                ALICE.agreementPublicKey());
        assertEquals(ALICE.id(), a.id());
        assertEquals("alice", a.username());
        assertEquals(6666, a.listenPort());
        assertArrayEquals(ALICE.publicKey(), a.publicKey());
        assertArrayEquals(ALICE.agreementPublicKey(), a.agreementKey());
        // Replayed by someone whose Noise static key is another: the signature does not cover it.
        assertThrows(PacketDecodeException.class,
                () -> LinkFrames.decodeHandshakePayload(payload, BOB.agreementPublicKey()));
    }

    @Test
    void handshakePayloadWithAnotherIdentitysKeyIsRejected() {
        byte[] payload = LinkFrames.handshakePayload(ALICE, "alice", 1);
        int at = indexOf(payload, ALICE.publicKey());
        byte[] forged = payload.clone();
        System.arraycopy(BOB.publicKey(), 0, forged, at, BOB.publicKey().length);
        assertThrows(PacketDecodeException.class,
                () -> LinkFrames.decodeHandshakePayload(forged, ALICE.agreementPublicKey()));
    }

    @Test
    void announceWithForbiddenUsernameOrForeignCodenameIsRejected() throws Exception {
        for (String bad : new String[] {"evil\u202Eeman", "zero\u200Bwidth", "bell\u0007",
                "x".repeat(33), " "}) {
            byte[] body = announce(bad, ALICE.codename());
            Packet p = decode(packet(PacketType.ANNOUNCE, body, 16));
            assertThrows(PacketDecodeException.class, () -> AnnounceBody.decode(p), bad);
        }
        Packet p = decode(packet(PacketType.ANNOUNCE, announce("alice", BOB.codename()), 16));
        assertThrows(PacketDecodeException.class, () -> AnnounceBody.decode(p));
    }

    private static byte[] announce(String username, String codename) {
        return new AnnounceBody(username, codename, 1, List.of(), List.of(),
                ALICE.agreementPublicKey()).encode();
    }

    @Test
    void groupBodiesRejectInvalidNamesDuplicatesAndOversizedLists() throws Exception {
        byte[] badName = GroupBodies.groupMessage(GroupName.of("ok"), "x");
        badName[2] = ' '; // "ok" -> " k": not a valid group name
        Packet p1 = decode(packet(PacketType.GROUP, badName, 16));
        assertThrows(PacketDecodeException.class, () -> GroupBodies.decodeGroupMessage(p1));
        var twice = new GroupBodies.Membership(ALICE.id(), GroupName.of("a"),
                List.of(GroupName.of("a"), GroupName.of("A")));
        Packet p2 = decode(packet(PacketType.GROUP_JOIN, GroupBodies.membership(twice), 16));
        assertThrows(PacketDecodeException.class, () -> GroupBodies.decodeMembership(p2));
        List<GroupName> many = new java.util.ArrayList<>();
        for (int i = 0; i <= GroupBodies.MAX_WIRE_GROUPS; i++) {
            many.add(GroupName.of("g" + i));
        }
        var tooMany = new GroupBodies.Membership(ALICE.id(), GroupName.of("g1"), many);
        Packet p3 = decode(packet(PacketType.GROUP_JOIN, GroupBodies.membership(tooMany), 16));
        assertThrows(PacketDecodeException.class, () -> GroupBodies.decodeMembership(p3));
    }

    @Test
    void peekTypeRejectsFramesThatDoNotStartLikeAnEnvelope() {
        assertEquals(-1, PacketCodec.peekType(new byte[0]));
        assertEquals(-1, PacketCodec.peekType(new byte[] {(byte) 0x93, 2, 1}));
        assertEquals(-1, PacketCodec.peekType(new byte[] {(byte) 0xc0, 1, 1}));
    }
}
