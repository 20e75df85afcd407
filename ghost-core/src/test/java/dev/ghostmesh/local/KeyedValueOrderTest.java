package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Delivery;
import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.fixtures.ScriptedPeer;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.TopicBody;
import dev.ghostmesh.testing.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A subscriber never gets an older keyed value after a newer one: a sensor's packets that
 * arrive out of order (sent along two paths of different lengths, say) are delivered newest
 * only, while unkeyed messages and other keys are untouched. The sensor is scripted, so the
 * order on the wire is exactly the test's.
 */
class KeyedValueOrderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TOPIC = "sensors/boiler";

    private final LocalNetwork network = LocalNetwork.create();
    private final MeshNode node = MeshNode.builder().username("hub")
            .transport(network.transport("hub")).build();

    @AfterEach
    void stop() {
        node.close();
        network.close();
        assertEquals(0, node.status().internalErrors());
    }

    @Test
    void anOlderValueArrivingAfterANewerOneIsNotDelivered() throws Exception {
        List<Delivery> got = new CopyOnWriteArrayList<>();
        node.subscribe(TOPIC, got::add);
        node.start();
        Identity sensorId = Identity.generate();
        ScriptedPeer sensor = new ScriptedPeer(sensorId, "sensor").connect(
                network.transport("sensor"), PeerAddress.local("hub"));
        long now = System.currentTimeMillis();
        long epoch = now << 20;
        sensor.send(topic(sensorId, epoch + 10, now, "temp", "t=80"));   // newest first
        sensor.send(topic(sensorId, epoch + 9, now, "temp", "t=79"));    // then an older one
        sensor.send(topic(sensorId, epoch + 8, now, "", "unkeyed"));     // not a latest value
        sensor.send(topic(sensorId, epoch + 7, now, "pressure", "p=2")); // another key
        sensor.send(topic(sensorId, epoch + 11, now, "temp", "t=81"));   // newer again
        Await.until(WAIT, () -> texts(got).contains("t=81"), () -> "t=81, got " + texts(got));
        List<String> texts = texts(got);
        assertTrue(!texts.contains("t=79"), "the older value came after a newer one: " + texts);
        assertEquals(1, texts.stream().filter("unkeyed"::equals).count(), texts.toString());
        assertEquals(1, texts.stream().filter("p=2"::equals).count(), texts.toString());
        // t=80 may have been replaced by t=81 while it waited for the handler: then only t=81.
        List<String> temps = texts.stream().filter(t -> t.startsWith("t=")).toList();
        assertTrue(temps.equals(List.of("t=80", "t=81")) || temps.equals(List.of("t=81")),
                temps.toString());
        assertTrue(node.status().invalidDropped() == 0, "an older value is no fault");
    }

    private static List<String> texts(List<Delivery> got) {
        return got.stream().map(d -> new String(d.payloadBytes(), StandardCharsets.UTF_8))
                .toList();
    }

    private static byte[] topic(Identity origin, long seq, long now, String key, String value) {
        byte[] body = new TopicBody(TOPIC, value.getBytes(StandardCharsets.UTF_8), 0, key)
                .encode();
        return PacketCodec.encode(origin, PacketType.TOPIC, MessageId.random(new Random(seq)),
                8, now, seq, body);
    }
}
