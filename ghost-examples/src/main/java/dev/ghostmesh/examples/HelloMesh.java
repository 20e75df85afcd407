package dev.ghostmesh.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ghostmesh.Delivery;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.local.LocalNetwork;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Hello, mesh: three nodes in one process on a {@link LocalNetwork}, in a line alice - bob -
 * carol. Carol subscribes to a topic and answers requests; alice publishes bytes on the topic,
 * which bob relays, and asks carol a question. It prints what arrives.
 *
 * <p>Threading: main waits on futures; carol's handlers run on the library's callback thread.
 */
public final class HelloMesh {
    public static void main(String[] args) throws Exception {
        try (LocalNetwork net = LocalNetwork.create(); MeshNode alice = node(net, "alice");
                MeshNode bob = node(net, "bob"); MeshNode carol = node(net, "carol")) {
            CompletableFuture<String> heard = new CompletableFuture<>();
            carol.subscribe("hello/greetings", d -> heard.complete(text(d) + " (from "
                    + d.senderName() + ", " + d.hops() + " hops)"));
            carol.onRequest("hello/shout", d -> text(d).toUpperCase(Locale.ROOT).getBytes(UTF_8));
            alice.connect(bob.status().listening().get(0)).join();
            carol.connect(bob.status().listening().get(0)).join();
            while (alice.subscribers("hello/greetings").isEmpty()) {
                Thread.sleep(10); // until carol's announce, relayed by bob, reaches alice
            }
            alice.publish("hello/greetings", "hello, mesh".getBytes(UTF_8));
            System.out.println("carol got: " + heard.get(5, TimeUnit.SECONDS));
            Delivery reply = alice.request(carol.id(), "hello/shout",
                    "anyone there?".getBytes(UTF_8), Duration.ofSeconds(5)).get();
            System.out.println("carol answered alice: " + text(reply));
        }
    }

    private static MeshNode node(LocalNetwork net, String name) {
        MeshNode node = MeshNode.builder().username(name).transport(net.transport(name))
                .autoConnect(false) // keep the line: no shortcut from alice to carol
                .build();
        node.start();
        return node;
    }

    private static String text(Delivery d) {
        return new String(d.payloadBytes(), UTF_8);
    }
}
