package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Delivery;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PublishOptions;
import dev.ghostmesh.Subscription;
import dev.ghostmesh.testing.ReservedTopics;
import dev.ghostmesh.testing.VirtualMesh;
import dev.ghostmesh.testing.VirtualMesh.Node;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Topics with binary payloads on a chain of five nodes in virtual time: subscribers deliver,
 * everyone else relays without delivering; subscriptions travel in announces; hop limits,
 * expiry and latest-value keys do what {@code PublishOptions} says.
 */
class TopicsTest {
    private static final String TOPIC = "sensors/kitchen";

    /** a - b - c - d - e */
    private static List<Node> chain(VirtualMesh mesh, UnaryOperator<dev.ghostmesh.MeshNode.Builder>
            customize) throws Exception {
        List<Node> nodes = new ArrayList<>();
        for (String name : List.of("ta", "tb", "tc", "td", "te")) {
            nodes.add(mesh.start(name, customize));
        }
        for (int i = 0; i + 1 < nodes.size(); i++) {
            mesh.link(nodes.get(i), nodes.get(i + 1));
        }
        return nodes;
    }

    private static List<Delivery> subscribe(Node n, String topic) {
        List<Delivery> got = new CopyOnWriteArrayList<>();
        n.node().subscribe(topic, got::add);
        return got;
    }

    @Test
    void subscribersDeliverAndNonSubscribersRelayAcrossAChain() throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            List<Node> n = chain(mesh, UnaryOperator.identity());
            List<Delivery> atC = subscribe(n.get(2), TOPIC);
            List<Delivery> atE = subscribe(n.get(4), TOPIC);
            List<Delivery> atB = subscribe(n.get(1), "sensors/garage");
            mesh.runUntil(() -> n.get(0).node().subscribers(TOPIC).size() == 2,
                    "a to learn who subscribes");
            assertEquals(List.of("tc", "te"), n.get(0).node().subscribers(TOPIC).stream()
                    .map(NodeInfo::username).toList(), "nearest first");

            byte[] reading = {0x15, 0x05, (byte) 0xc0, 0};
            MessageId id = mesh.await(n.get(0).node().publish(TOPIC, reading));
            reading[0] = 99; // the caller may reuse its array once publish returned
            mesh.runUntil(() -> atE.size() == 1 && atC.size() == 1, "both subscribers");
            mesh.runFor(Duration.ofSeconds(5));

            assertEquals(1, atC.size(), "exactly once");
            assertEquals(1, atE.size(), "exactly once");
            Delivery d = atE.get(0);
            assertArrayEquals(new byte[] {0x15, 0x05, (byte) 0xc0, 0}, d.payloadBytes());
            assertEquals(id, d.id());
            assertEquals(TOPIC, d.topic());
            assertEquals(n.get(0).node().id(), d.sender());
            assertEquals("ta", d.senderName());
            assertEquals(4, d.hops());
            assertTrue(d.latestKey().isEmpty() && d.expiresAt().isEmpty());
            assertTrue(atB.isEmpty(), "another topic's subscriber delivers nothing");
            assertTrue(n.get(1).node().status().packetsRelayed() > 0, "b relayed it");
            assertEquals(0, n.get(3).node().status().messagesDelivered(),
                    "d relays without delivering");
        }
    }

    @Test
    void closingTheLastSubscriptionStopsDeliveryAndIsAnnounced() throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            List<Node> n = chain(mesh, UnaryOperator.identity());
            List<Delivery> first = new CopyOnWriteArrayList<>();
            List<Delivery> second = new CopyOnWriteArrayList<>();
            Subscription s1 = n.get(4).node().subscribe(TOPIC, first::add);
            Subscription s2 = n.get(4).node().subscribe(TOPIC, second::add);
            mesh.runUntil(() -> n.get(0).node().subscribers(TOPIC).size() == 1, "announced");

            mesh.await(n.get(0).node().publish(TOPIC, bytes("one")));
            mesh.runUntil(() -> first.size() == 1 && second.size() == 1, "both handlers");
            s1.close();
            assertTrue(!s1.active() && s2.active());
            mesh.runFor(Duration.ofSeconds(1));
            assertEquals(1, n.get(0).node().subscribers(TOPIC).size(), "one subscription left");

            mesh.await(n.get(0).node().publish(TOPIC, bytes("two")));
            mesh.runUntil(() -> second.size() == 2, "the open subscription");
            assertEquals(1, first.size(), "a closed subscription gets nothing more");

            s2.close();
            mesh.runUntil(() -> n.get(0).node().subscribers(TOPIC).isEmpty(),
                    "the unsubscribe to reach a");
        }
    }

    @Test
    void aHopLimitBoundsHowFarAMessageTravels() throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            List<Node> n = chain(mesh, UnaryOperator.identity());
            List<Delivery> atC = subscribe(n.get(2), TOPIC);
            List<Delivery> atE = subscribe(n.get(4), TOPIC);
            mesh.await(n.get(0).node().publish(TOPIC, bytes("near"),
                    PublishOptions.defaults().hopLimit(2)));
            mesh.await(n.get(0).node().publish(TOPIC, bytes("far")));
            mesh.runUntil(() -> atE.size() == 1 && atC.size() == 2, "deliveries");
            mesh.runFor(Duration.ofSeconds(5));
            assertEquals("far", text(atE.get(0)), "e, 4 hops away, only gets the unlimited one");
            assertEquals(List.of("near", "far"), atC.stream().map(TopicsTest::text).toList());
        }
    }

    @Test
    void anExpiredMessageIsNeitherDeliveredNorRelayed() throws Exception {
        LocalNetwork slow = LocalNetwork.builder().latency(Duration.ofMillis(600)).build();
        try (VirtualMesh mesh = new VirtualMesh(slow)) {
            List<Node> n = chain(mesh, UnaryOperator.identity());
            List<Delivery> atB = subscribe(n.get(1), TOPIC);
            List<Delivery> atC = subscribe(n.get(2), TOPIC);
            List<Delivery> atD = subscribe(n.get(3), TOPIC);
            mesh.runUntil(() -> n.get(0).node().subscribers(TOPIC).size() == 3, "announced");
            long staleAtC = n.get(2).node().status().staleDropped();

            mesh.await(n.get(0).node().publish(TOPIC, bytes("reading"),
                    PublishOptions.defaults().expiresAfter(Duration.ofSeconds(1))));
            mesh.runUntil(() -> atB.size() == 1, "b, 0.6 s away");
            mesh.runUntil(() -> n.get(2).node().status().staleDropped() == staleAtC + 1,
                    "c, 1.2 s away, to drop it as expired");
            mesh.runFor(Duration.ofSeconds(5));
            assertTrue(atC.isEmpty() && atD.isEmpty(), "not delivered at c, not relayed to d");
        }
    }

    @Test
    void keyedPublishesWaitingToBeSentAreSupersededByTheNewest() throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            List<Node> n = chain(mesh, UnaryOperator.identity());
            List<Delivery> atE = subscribe(n.get(4), TOPIC);
            mesh.runUntil(() -> n.get(0).node().subscribers(TOPIC).size() == 1, "announced");
            long sentBefore = n.get(0).node().status().messagesSent();

            // The host publishes 100 positions in one tick; the loop runs after it.
            PublishOptions position = PublishOptions.defaults().latestKey("player-7");
            List<CompletableFuture<MessageId>> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                sent.add(n.get(0).node().publish(TOPIC, bytes("x=" + i), position));
            }
            MessageId last = mesh.await(sent.get(99));
            for (CompletableFuture<MessageId> f : sent) {
                assertEquals(last, mesh.await(f), "every superseded publish names the message");
            }
            assertEquals(sentBefore + 1, n.get(0).node().status().messagesSent(),
                    "one message carried the newest value");
            mesh.runUntil(() -> atE.size() == 1, "the newest value");
            mesh.runFor(Duration.ofSeconds(5));
            assertEquals(List.of("x=99"), atE.stream().map(TopicsTest::text).toList());
            assertEquals("player-7", atE.get(0).latestKey().orElseThrow());

            // Once sent, the next value is a message of its own.
            mesh.await(n.get(0).node().publish(TOPIC, bytes("x=100"), position));
            mesh.runUntil(() -> atE.size() == 2, "the next value");
            assertEquals("x=100", text(atE.get(1)));
        }
    }

    @Test
    void badTopicsAndOversizedPayloadsAreRefusedWithTheReason() throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            Node a = mesh.start("ba", UnaryOperator.identity());
            var node = a.node();
            assertEquals("topic name has ' ' at 1; allowed are A-Z a-z 0-9 . _ - and / between "
                    + "segments", assertThrows(IllegalArgumentException.class,
                            () -> node.publish("a b", new byte[1])).getMessage());
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> node.subscribe("ghost/chat", d -> { })).getMessage()
                    .contains("reserved"));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> node.publish("a//b", new byte[1])).getMessage()
                    .contains("empty segment"));
            String big = assertThrows(IllegalArgumentException.class,
                    () -> node.publish("big", new byte[64_001])).getMessage();
            assertEquals("payload is 64001 bytes; one message carries at most 64000 (larger "
                    + "data needs a file transfer)", big);
            assertThrows(IllegalArgumentException.class,
                    () -> PublishOptions.defaults().hopLimit(0));
            assertThrows(IllegalArgumentException.class,
                    () -> PublishOptions.defaults().latestKey(""));
            assertThrows(IllegalArgumentException.class,
                    () -> PublishOptions.defaults().expiresAfter(Duration.ZERO));
            assertEquals(0, node.status().messagesSent(), "nothing was sent");
        }
    }

    @Test
    void theChatsReservedTopicsAreNeitherUsableByApplicationsNorAnnounced() throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            Node a = mesh.start("ra", UnaryOperator.identity());
            Node b = mesh.start("rb", UnaryOperator.identity());
            mesh.link(a, b);
            GroupName team = GroupName.of("Team");
            mesh.await(a.node().createGroup(team));
            mesh.runUntil(() -> b.node().nodes().stream().anyMatch(
                    n -> n.groups().contains(team)), "b to know a's group from a's announce");
            var node = a.node();
            for (String reserved : List.of(ReservedTopics.CHAT, ReservedTopics.group(team))) {
                for (org.junit.jupiter.api.function.Executable use : List.<
                        org.junit.jupiter.api.function.Executable>of(
                        () -> node.subscribe(reserved, d -> { }),
                        () -> node.publish(reserved, bytes("x")),
                        () -> node.send(b.node().id(), reserved, bytes("x")),
                        () -> node.onRequest(reserved, d -> null),
                        () -> node.subscribers(reserved))) {
                    assertTrue(assertThrows(IllegalArgumentException.class, use).getMessage()
                            .contains("reserved"), reserved);
                }
            }
            // A member of a group that takes broadcasts lists no topic: the chat's are implied.
            mesh.runFor(Duration.ofMinutes(1)); // a's periodic announces too
            assertEquals(java.util.Set.of(), b.node().nodes().get(0).topics());
            assertEquals(0, node.status().messagesSent(), "nothing was sent");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Delivery d) {
        return new String(d.payloadBytes(), StandardCharsets.UTF_8);
    }
}
