package dev.ghostmesh.internal.node;

import static dev.ghostmesh.internal.node.ProtocolVectors.TIMESTAMP;
import static dev.ghostmesh.internal.node.ProtocolVectors.counting;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.internal.codec.AnnounceBody;
import dev.ghostmesh.internal.codec.ChatTopics;
import dev.ghostmesh.internal.codec.DirectBody;
import dev.ghostmesh.internal.codec.DirectContent;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.TopicBody;
import dev.ghostmesh.internal.crypto.GroupKeys;
import dev.ghostmesh.internal.crypto.PrivateBox;
import dev.ghostmesh.internal.group.GroupKeyring;
import dev.ghostmesh.internal.messaging.PrivateMessaging;
import dev.ghostmesh.internal.messaging.SequenceSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The vectors PROTOCOL.md added for issue 15's data plane: a TOPIC message, an ANNOUNCE that
 * lists topics, a DIRECT message with the contents of a receipt, a request and a reply, and the
 * chat's broadcasts and group messages as TOPIC messages, built like {@link ProtocolVectors}'
 * with the code on the wire.
 */
final class DataPlaneVectors {
    private static final HexFormat HEX = HexFormat.of();

    private DataPlaneVectors() {}

    static void addTo(Map<String, String> v, Identity alice, Identity bob) throws Exception {
        long aliceSeq = TIMESTAMP << SequenceSource.COUNTER_BITS;
        byte[] topic = new TopicBody("sensors/kitchen", new byte[] {0, 1, 2, 3, (byte) 0xff},
                TIMESTAMP + 60_000, "t").encode();
        v.put("topic.body", HEX.formatHex(topic));
        v.put("topic.envelope", HEX.formatHex(PacketCodec.encode(alice, PacketType.TOPIC,
                MessageId.of(counting(0xf0, 16), 0), 16, TIMESTAMP + 5, aliceSeq + 5, topic)));
        byte[] announce = new AnnounceBody("alice", alice.codename(), 0, List.of(), List.of(),
                alice.agreementPublicKey(), List.of("game/positions", "sensors/kitchen"))
                .encode();
        v.put("announce.topics_body", HEX.formatHex(announce));

        // Alice's private "hi bob" as the chat sends it now: a DIRECT message on ghost/chat,
        // routed (flood false), its box sealed as PRIVATE's are.
        MessageId mid = MessageId.of(counting(0x10, 16), 0);
        MessageId packetId = MessageId.of(counting(0x20, 16), 0);
        byte[] content = DirectContent.message(mid, "ghost/chat",
                "hi bob".getBytes(StandardCharsets.UTF_8));
        byte[] context = PrivateMessaging.context(packetId, alice.id(), bob.id());
        PrivateBox.Sealed sealed = PrivateBox.sealWithEphemeral(alice, counting(0x30, 32),
                bob.agreementPublicKey(), context, content);
        v.put("direct.content", HEX.formatHex(content));
        v.put("direct.sealed", HEX.formatHex(sealed.ciphertext()));
        byte[] body = new DirectBody(bob.id(), alice.agreementPublicKey(),
                sealed.ephemeralPublic(), sealed.ciphertext(), false).encode();
        v.put("direct.envelope", HEX.formatHex(PacketCodec.encode(alice, PacketType.DIRECT,
                packetId, 16, TIMESTAMP + 6, aliceSeq + 6, body)));
        v.put("direct.receipt_content", HEX.formatHex(DirectContent.receipt(mid,
                DirectContent.DELIVERED)));
        v.put("direct.request_content", HEX.formatHex(DirectContent.request(mid, "calc/add",
                new byte[] {0, 0, 0, 40, 0, 0, 0, 2})));
        v.put("direct.reply_content", HEX.formatHex(DirectContent.reply(mid,
                DirectContent.DELIVERED, new byte[] {0, 0, 0, 42})));
        addChat(v, alice, aliceSeq);
    }

    /**
     * The chat as topics: alice's broadcast {@code hello} on {@code ghost/chat}, {@code hello
     * lobby} to the open group {@code Lobby}, and {@code hello group} sealed to the protected
     * group {@code Dev} of the {@code group.*} vectors, each a TOPIC packet.
     */
    private static void addChat(Map<String, String> v, Identity alice, long aliceSeq)
            throws Exception {
        byte[] chat = new TopicBody("ghost/chat", utf8("hello"), 0, "").encode();
        v.put("topic.chat_broadcast_body", HEX.formatHex(chat));
        v.put("topic.chat_broadcast_envelope", HEX.formatHex(PacketCodec.encode(alice,
                PacketType.TOPIC, MessageId.of(counting(0x50, 16), 0), 16, TIMESTAMP + 7,
                aliceSeq + 7, chat)));

        GroupName lobby = GroupName.of("Lobby");
        String lobbyTopic = groupTopic(lobby);
        v.put("topic.group_open_topic", lobbyTopic);
        byte[] open = new TopicBody(lobbyTopic, utf8("hello lobby"), 0, "").encode();
        v.put("topic.group_open_body", HEX.formatHex(open));
        v.put("topic.group_open_envelope", HEX.formatHex(PacketCodec.encode(alice,
                PacketType.TOPIC, MessageId.of(counting(0x60, 16), 0), 16, TIMESTAMP + 8,
                aliceSeq + 8, open)));

        GroupName dev = GroupName.of("Dev");
        String devTopic = groupTopic(dev);
        v.put("topic.group_sealed_topic", devTopic);
        MessageId sealedId = MessageId.of(counting(0x70, 16), 0);
        byte[] key = GroupKeys.deriveKey(MoreProtocolVectors.PASSWORD, dev.key(),
                MoreProtocolVectors.KDF);
        byte[] sealed = GroupKeyring.seal(key, sealedId, alice.id(), dev, "hello group");
        v.put("topic.group_sealed_payload", HEX.formatHex(sealed));
        v.put("topic.group_sealed_envelope", HEX.formatHex(PacketCodec.encode(alice,
                PacketType.TOPIC, sealedId, 16, TIMESTAMP + 9, aliceSeq + 9,
                new TopicBody(devTopic, sealed, 0, "").encode())));
    }

    /** A group's topic from its definition, checked against the code's. */
    private static String groupTopic(GroupName group) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update("ghost-terminal group topic v1".getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) 0);
        byte[] hash = sha256.digest(utf8(group.key()));
        String topic = "ghost/group/" + HEX.formatHex(hash, 0, 16);
        if (!topic.equals(ChatTopics.group(group))) {
            throw new IllegalStateException("the code derives another topic for " + group);
        }
        return topic;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
