package dev.ghostmesh.internal.node;

import static dev.ghostmesh.internal.node.ProtocolVectors.TIMESTAMP;
import static dev.ghostmesh.internal.node.ProtocolVectors.counting;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.internal.codec.AnnounceBody;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.TopicBody;
import dev.ghostmesh.internal.messaging.SequenceSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The vectors PROTOCOL.md added for issue 15's data plane: a TOPIC message and an ANNOUNCE that
 * lists topics, built like {@link ProtocolVectors}' with the code on the wire.
 */
final class DataPlaneVectors {
    private static final HexFormat HEX = HexFormat.of();

    private DataPlaneVectors() {}

    static void addTo(Map<String, String> v, Identity alice) {
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
    }
}
