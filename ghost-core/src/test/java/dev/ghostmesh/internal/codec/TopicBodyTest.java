package dev.ghostmesh.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.PeerAddress;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** TOPIC bodies and the topics of an ANNOUNCE: the wire forms, their limits and rules. */
class TopicBodyTest {
    private static final Identity ALICE = Identity.generate();
    private static final long NOW = 1_780_000_000_000L;

    private static Packet packet(int type, byte[] body) throws PacketDecodeException {
        return PacketCodec.decode(PacketCodec.encode(ALICE, type,
                MessageId.random(new Random(type)), 16, NOW, NOW << 20, body));
    }

    @Test
    void aTopicMessageRoundTripsWithEveryField() throws Exception {
        TopicBody body = new TopicBody("game/positions", new byte[] {0, 1, (byte) 0xff},
                NOW + 500, "player-7");
        TopicBody decoded = (TopicBody) PacketBody.decode(packet(PacketType.TOPIC, body.encode()));
        assertEquals(body, decoded);
        assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, decoded.payload());
        assertTrue(decoded.keyed());
        assertFalse(decoded.expired(NOW + 500));
        assertTrue(decoded.expired(NOW + 501));
    }

    @Test
    void theLargestPayloadFitsOneFrameWithTheLongestTopicAndKey() throws Exception {
        String topic = "t".repeat(TopicNames.MAX_TOPIC_BYTES);
        String key = "k".repeat(TopicNames.MAX_KEY_BYTES);
        TopicBody body = new TopicBody(topic, new byte[TopicBody.MAX_PAYLOAD_BYTES],
                Long.MAX_VALUE, key);
        byte[] frame = PacketCodec.encode(ALICE, PacketType.TOPIC, MessageId.random(new Random()),
                127, Long.MAX_VALUE, Long.MAX_VALUE, body.encode());
        assertTrue(frame.length <= PacketCodec.MAX_FRAME_BYTES, frame.length + " bytes");
        assertEquals(body, TopicBody.decode(PacketCodec.decode(frame)));
    }

    @Test
    void aPayloadOverTheLimitIsMalformed() {
        byte[] body = new TopicBody("t", new byte[TopicBody.MAX_PAYLOAD_BYTES + 1], 0, "")
                .encode();
        var e = assertThrows(PacketDecodeException.class,
                () -> TopicBody.decode(packet(PacketType.TOPIC, body)));
        assertTrue(e.getMessage().contains("payload"), e.getMessage());
    }

    @Test
    void topicNamesFollowTheRules() {
        for (String ok : List.of("a", "sensors/kitchen/t", "A-b_c.d", "x".repeat(128))) {
            assertNull(TopicNames.problem(ok), ok);
        }
        for (String bad : List.of("", "/a", "a/", "a//b", "a b", "caf\u00e9", "a\u0000",
                "x".repeat(129), "a+b", "#")) {
            assertTrue(TopicNames.problem(bad) != null, "accepted " + bad);
        }
        assertTrue(TopicNames.reserved("ghost/chat"));
        assertFalse(TopicNames.reserved("ghostly/chat"));
    }

    @Test
    void aBodyWithABadTopicOrANegativeExpiryIsMalformed() throws Exception {
        assertThrows(PacketDecodeException.class,
                () -> TopicBody.decode(packet(PacketType.TOPIC, raw("a//b", 0, ""))));
        assertThrows(PacketDecodeException.class,
                () -> TopicBody.decode(packet(PacketType.TOPIC, raw("a", -1, ""))));
        assertThrows(PacketDecodeException.class,
                () -> TopicBody.decode(packet(PacketType.TOPIC, raw("a", 0, "k".repeat(129)))));
        assertEquals("k", TopicBody.decode(packet(PacketType.TOPIC, raw("a", 0, "k")))
                .latestKey());
    }

    @Test
    void anAnnounceListsItsTopicsAndOmitsTheFieldWhenThereAreNone() throws Exception {
        var none = new AnnounceBody("alice", ALICE.codename(), 6666,
                List.of(PeerAddress.tcp("10.0.0.7", 6666)), List.of(),
                ALICE.agreementPublicKey());
        byte[] encoded = none.encode();
        assertEquals((byte) 0x96, encoded[0], "six fields, as before topics existed");
        var some = new AnnounceBody("alice", ALICE.codename(), 6666, List.of(), List.of(),
                ALICE.agreementPublicKey(), List.of("a/b", "c"));
        assertEquals((byte) 0x97, some.encode()[0]);
        assertEquals(some, AnnounceBody.decode(packet(PacketType.ANNOUNCE, some.encode())));
        assertEquals(List.of(), AnnounceBody.decode(packet(PacketType.ANNOUNCE, encoded))
                .topics());
    }

    @Test
    void anAnnouncedTopicOutsideTheRulesIsSkippedNotFatal() throws Exception {
        var bad = new AnnounceBody("alice", ALICE.codename(), 0, List.of(), List.of(),
                ALICE.agreementPublicKey(), List.of("ok", "not ok", "ok"));
        AnnounceBody decoded = AnnounceBody.decode(packet(PacketType.ANNOUNCE, bad.encode()));
        assertEquals(List.of("ok"), decoded.topics());
        assertEquals("alice", decoded.username());
    }

    private static byte[] raw(String topic, long expires, String key) throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(4).packString(topic).packBinaryHeader(1).writePayload(new byte[1]);
            p.packLong(expires).packString(key);
            return p.toByteArray();
        }
    }
}
