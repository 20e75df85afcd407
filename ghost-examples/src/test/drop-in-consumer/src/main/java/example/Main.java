package example;

import dev.ghostmesh.Delivery;
import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NoHandlerException;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PublishOptions;
import dev.ghostmesh.transport.tcp.TcpTransport;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Two nodes on TCP loopback, alice and bob, use the library as an application would: alice
 * broadcasts a chat line, publishes bytes on a topic bob subscribes to, sends bob bytes
 * directly, and asks bob a request; a direct message and a request on topics bob has no
 * handler for fail with NoHandlerException. Prints a line for each; exits 0 if all worked, 1
 * (with the reason) if anything did not within 20 seconds.
 * Threading: main waits on futures and a queue that bob's callback thread fills.
 */
public final class Main {
    private static final String TOPIC = "example/readings";

    public static void main(String[] args) {
        try {
            run();
        } catch (Throwable e) {
            System.out.println("FAILED: " + e);
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        try (MeshNode alice = node("alice"); MeshNode bob = node("bob")) {
            CompletableFuture<Void> bobKnowsAlice = new CompletableFuture<>();
            CompletableFuture<Message> bobReceived = new CompletableFuture<>();
            bob.addListener(new MeshListener() {
                @Override
                public void onNodeDiscovered(NodeInfo node) {
                    if (node.id().equals(alice.id())) {
                        bobKnowsAlice.complete(null);
                    }
                }

                @Override
                public void onMessage(Message message) {
                    bobReceived.complete(message);
                }
            });
            BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
            bob.subscribe(TOPIC, deliveries::add);
            bob.onRequest("example/sum", d -> new byte[] {sum(d.payloadBytes())});
            alice.start();
            bob.start();
            PeerAddress bobAddress = bob.status().listening().get(0);
            alice.connect(bobAddress).get(20, TimeUnit.SECONDS);
            bobKnowsAlice.get(20, TimeUnit.SECONDS);
            alice.broadcast("hello from a drop-in consumer").get(20, TimeUnit.SECONDS);
            Message got = bobReceived.get(20, TimeUnit.SECONDS);
            System.out.println("bob received from " + got.senderName() + ": " + got.text());

            // Bob's announce lists his topics; wait until alice has it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (alice.subscribers(TOPIC).stream().noneMatch(n -> n.id().equals(bob.id()))) {
                check(System.nanoTime() < deadline, "alice never saw bob subscribe to " + TOPIC);
                Thread.sleep(10); // a poll interval: the library raises no event for this
            }
            System.out.println("alice sees subscribers of " + TOPIC + ": "
                    + alice.subscribers(TOPIC).get(0).username());

            byte[] reading = {21, 5, 44};
            alice.publish(TOPIC, reading, PublishOptions.defaults().latestKey("sensor-1")
                    .expiresAfter(Duration.ofSeconds(10))).get(20, TimeUnit.SECONDS);
            Delivery published = next(deliveries);
            check(Arrays.equals(reading, published.payloadBytes()) && !published.direct()
                    && published.latestKey().orElse("").equals("sensor-1"),
                    "published delivery " + published);
            System.out.println("bob got a publish on " + published.topic() + " from "
                    + published.senderName() + ": " + Arrays.toString(published.payloadBytes()));

            MessageId id = alice.send(bob.id(), TOPIC, new byte[] {7})
                    .get(20, TimeUnit.SECONDS);
            Delivery sent = next(deliveries);
            check(sent.direct() && sent.id().equals(id) && sent.payloadBytes()[0] == 7,
                    "direct delivery " + sent + " for " + id);
            System.out.println("bob got a direct message from " + sent.senderName() + ": "
                    + Arrays.toString(sent.payloadBytes()) + ", confirmed to alice");

            Delivery reply = alice.request(bob.id(), "example/sum", new byte[] {2, 3},
                    Duration.ofSeconds(20)).get(25, TimeUnit.SECONDS);
            check(reply.payloadBytes().length == 1 && reply.payloadBytes()[0] == 5,
                    "reply " + Arrays.toString(reply.payloadBytes()));
            System.out.println("bob answered alice's request: 2 + 3 = " + reply.payloadBytes()[0]);

            expectNoHandler(alice.send(bob.id(), "example/nobody", new byte[0]));
            expectNoHandler(alice.request(bob.id(), "example/nobody", new byte[0],
                    Duration.ofSeconds(20)));
            System.out.println("no handler: both failed with NoHandlerException");
        }
    }

    private static Delivery next(BlockingQueue<Delivery> deliveries) throws Exception {
        Delivery d = deliveries.poll(20, TimeUnit.SECONDS);
        check(d != null, "no delivery within 20 s");
        return d;
    }

    private static void expectNoHandler(CompletableFuture<?> future) throws Exception {
        try {
            future.get(25, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            check(e.getCause() instanceof NoHandlerException, "failed with " + e.getCause());
            return;
        }
        throw new IllegalStateException("a message to a topic without a handler succeeded");
    }

    private static byte sum(byte[] bytes) {
        int sum = 0;
        for (byte b : bytes) {
            sum += b;
        }
        return (byte) sum;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    private static MeshNode node(String name) {
        return MeshNode.builder().username(name).autoConnect(false)
                .transport(TcpTransport.builder().bindAddress("127.0.0.1").port(0).build())
                .build();
    }
}
