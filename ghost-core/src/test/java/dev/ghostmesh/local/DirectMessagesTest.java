package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Delivery;
import dev.ghostmesh.MeshException;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NoHandlerException;
import dev.ghostmesh.local.VirtualMesh.Node;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Routed direct messages and request/reply in virtual time: a direct message travels only along
 * the route, survives the death of a node on it by the flooded retry, and is delivered once;
 * receipts, replies, "no handler", handler failures and timeouts come back as what they are.
 */
class DirectMessagesTest {
    private static final String TOPIC = "cmd/lights";

    private static Node[] nodes(VirtualMesh mesh, String... names) {
        Node[] out = new Node[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = mesh.start(names[i], UnaryOperator.identity());
        }
        return out;
    }

    private static List<Delivery> subscribe(Node n, String topic) {
        List<Delivery> got = new CopyOnWriteArrayList<>();
        n.node().subscribe(topic, got::add);
        return got;
    }

    /** Runs until every node knows every other, so routes and keys are in place. */
    private static void settled(VirtualMesh mesh, Node... all) {
        mesh.runUntil(() -> {
            for (Node n : all) {
                if (n.node().nodes().stream().filter(i -> i.reachable()).count()
                        != all.length - 1) {
                    return false;
                }
            }
            return true;
        }, "every node to know a route to every other");
    }

    @Test
    void aDirectMessageTravelsOnlyAlongTheRoute() throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            // a - b - c - e, and f hangs off c: f is on no route from a to e.
            Node[] n = nodes(mesh, "da", "db", "dc", "de", "df");
            mesh.link(n[0], n[1]);
            mesh.link(n[1], n[2]);
            mesh.link(n[2], n[3]);
            mesh.link(n[4], n[2]);
            settled(mesh, n);
            List<Delivery> atE = subscribe(n[3], TOPIC);
            mesh.runFor(Duration.ofSeconds(1));
            long offRoute = n[4].transport().framesReceived();

            byte[] on = {1};
            MessageId id = mesh.await(n[0].node().send(n[3].node().id(), TOPIC, on));
            assertEquals(1, atE.size());
            Delivery d = atE.get(0);
            assertEquals(id, d.id());
            assertTrue(d.direct());
            assertArrayEquals(on, d.payloadBytes());
            assertEquals(n[0].node().id(), d.sender());
            assertEquals(3, d.hops());
            assertEquals(offRoute, n[4].transport().framesReceived(),
                    "the message and its receipt never went to f");

            // The control: a published message does reach f, so the count above could move.
            mesh.await(n[0].node().publish(TOPIC, on));
            mesh.runUntil(() -> n[4].transport().framesReceived() > offRoute, "f to get a flood");
        }
    }

    @Test
    void whenANodeOnTheRouteDiesTheRetryFloodsAroundItAndEveryMessageArrivesOnce()
            throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            // a - b - c - e is the route (3 hops); a - x - y - z - e the way around (4 hops).
            Node[] n = nodes(mesh, "ra", "rb", "rc", "re", "rx", "ry", "rz");
            Node a = n[0];
            Node e = n[3];
            mesh.link(a, n[1]);
            mesh.link(n[1], n[2]);
            mesh.link(n[2], e);
            mesh.link(a, n[4]);
            mesh.link(n[4], n[5]);
            mesh.link(n[5], n[6]);
            mesh.link(n[6], e);
            settled(mesh, n);
            assertEquals(n[1].node().id(), a.node().nodes().stream()
                    .filter(i -> i.id().equals(e.node().id())).findFirst().orElseThrow()
                    .via().orElseThrow(), "the short way first");
            List<Delivery> atE = subscribe(e, TOPIC);
            mesh.runFor(Duration.ofSeconds(1));

            List<CompletableFuture<MessageId>> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                if (i == 5) {
                    n[2].node().close(); // c dies mid-stream, without a word to anyone's route
                    mesh.runFor(Duration.ofMillis(1));
                }
                sent.add(a.node().send(e.node().id(), TOPIC, new byte[] {(byte) i}));
                mesh.runFor(Duration.ofMillis(100));
            }
            for (CompletableFuture<MessageId> f : sent) {
                mesh.await(f); // every one confirmed, none failed
            }
            mesh.runFor(Duration.ofSeconds(5));
            assertEquals(10, atE.size(), "each delivered exactly once");
            for (int i = 0; i < 10; i++) {
                assertEquals(i, atE.get(i).payloadBytes()[0] & 0xff, "in order here");
            }
        }
    }

    @Test
    void aTargetWithoutASubscriptionSaysSo() throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            Node[] n = nodes(mesh, "na", "nb", "nc");
            mesh.link(n[0], n[1]);
            mesh.link(n[1], n[2]);
            settled(mesh, n);
            var f = n[0].node().send(n[2].node().id(), TOPIC, new byte[0]);
            ExecutionException e = assertThrows(ExecutionException.class, () -> mesh.await(f));
            assertInstanceOf(NoHandlerException.class, e.getCause());
            assertEquals("nc has no subscription to " + TOPIC, e.getCause().getMessage());
        }
    }

    @Test
    void aMessageNobodyConfirmsTimesOut() throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            Node a = mesh.start("ta", b -> b.receiptTimeout(Duration.ofSeconds(5)));
            Node b = mesh.start("tb", UnaryOperator.identity());
            mesh.link(a, b);
            settled(mesh, a, b);
            mesh.network().cut("ta", "tb"); // the link stays up for a while, and carries nothing
            Duration sentAt = mesh.now();
            var f = a.node().send(b.node().id(), TOPIC, new byte[0]);
            ExecutionException e = assertThrows(ExecutionException.class, () -> mesh.await(f));
            assertInstanceOf(TimeoutException.class, e.getCause());
            assertEquals("no answer from tb within 5 s", e.getCause().getMessage());
            Duration took = mesh.now().minus(sentAt);
            assertTrue(took.compareTo(Duration.ofSeconds(5)) >= 0
                    && took.compareTo(Duration.ofMillis(5100)) < 0, "failed after " + took);
        }
    }

    @Test
    void aRequestGetsItsReplyAndEveryFailureIsToldApart() throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            Node[] n = nodes(mesh, "qa", "qb", "qc");
            mesh.link(n[0], n[1]);
            mesh.link(n[1], n[2]);
            settled(mesh, n);
            AtomicInteger runs = new AtomicInteger();
            n[2].node().onRequest("calc/add", d -> {
                runs.incrementAndGet();
                ByteBuffer in = d.payload();
                return ByteBuffer.allocate(4).putInt(in.getInt() + in.getInt()).array();
            });
            n[2].node().onRequest("calc/fail", d -> {
                throw new IllegalStateException("division by zero");
            });
            CompletableFuture<byte[]> never = new CompletableFuture<>();
            n[2].node().onRequestAsync("calc/slow", d -> never);
            assertThrows(IllegalStateException.class,
                    () -> n[2].node().onRequest("calc/add", d -> new byte[0]));

            byte[] question = ByteBuffer.allocate(8).putInt(40).putInt(2).array();
            Delivery reply = mesh.await(n[0].node().request(n[2].node().id(), "calc/add",
                    question, Duration.ofSeconds(10)));
            assertEquals(42, reply.payload().getInt());
            assertEquals(n[2].node().id(), reply.sender());
            assertTrue(reply.direct());
            assertEquals(1, runs.get(), "the handler ran once");

            ExecutionException none = assertThrows(ExecutionException.class, () -> mesh.await(
                    n[0].node().request(n[2].node().id(), "calc/mul", question,
                            Duration.ofSeconds(10))));
            assertInstanceOf(NoHandlerException.class, none.getCause());

            ExecutionException failed = assertThrows(ExecutionException.class, () -> mesh.await(
                    n[0].node().request(n[2].node().id(), "calc/fail", question,
                            Duration.ofSeconds(10))));
            assertInstanceOf(MeshException.class, failed.getCause());
            assertTrue(!(failed.getCause() instanceof NoHandlerException));
            assertEquals("qc's handler for calc/fail failed: division by zero",
                    failed.getCause().getMessage());

            Duration askedAt = mesh.now();
            ExecutionException slow = assertThrows(ExecutionException.class, () -> mesh.await(
                    n[0].node().request(n[2].node().id(), "calc/slow", question,
                            Duration.ofSeconds(3))));
            assertInstanceOf(TimeoutException.class, slow.getCause());
            assertTrue(mesh.now().minus(askedAt).compareTo(Duration.ofSeconds(3)) >= 0);
        }
    }

    @Test
    void aDirectMessageToThisNodeOrWithABadTopicIsRefused() throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            Node a = mesh.start("ba", UnaryOperator.identity());
            assertThrows(IllegalArgumentException.class,
                    () -> a.node().send(a.node().id(), TOPIC, new byte[0]));
            assertThrows(IllegalArgumentException.class,
                    () -> a.node().send(a.node().id(), "ghost/chat", new byte[0]));
            assertThrows(IllegalArgumentException.class, () -> a.node().request(
                    dev.ghostmesh.Identity.generate().id(), TOPIC, new byte[0],
                    Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> a.node().send(
                    dev.ghostmesh.Identity.generate().id(), TOPIC, new byte[64_001]));
            assertEquals(0, a.node().status().messagesSent(), "nothing was sent");
        }
    }
}
