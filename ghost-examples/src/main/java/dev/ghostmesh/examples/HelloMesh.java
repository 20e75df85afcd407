package dev.ghostmesh.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ghostmesh.MeshNode;
import dev.ghostmesh.local.LocalNetwork;
import java.time.Duration;
import java.util.Locale;

/** Three nodes in a line, alice - bob - carol; bob relays. Threading: main blocks on futures. */
public final class HelloMesh {
    public static void main(String[] args) {
        try (LocalNetwork net = LocalNetwork.create(); MeshNode alice = node(net, "alice");
                MeshNode bob = node(net, "bob"); MeshNode carol = node(net, "carol")) {
            carol.subscribe("hello/greetings", d -> System.out.println("carol got: "
                    + new String(d.payloadBytes(), UTF_8) + " (" + d.hops() + " hops)"));
            carol.onRequest("hello/shout", d -> new String(d.payloadBytes(), UTF_8)
                    .toUpperCase(Locale.ROOT).getBytes(UTF_8));
            alice.connect(bob.listenAddresses().get(0)).join();
            carol.connect(bob.listenAddresses().get(0)).join();
            alice.publish("hello/greetings", "hello, mesh".getBytes(UTF_8)).join();
            byte[] reply = alice.request(carol.id(), "hello/shout", "anyone there?"
                    .getBytes(UTF_8), Duration.ofSeconds(5)).join().payloadBytes();
            System.out.println("carol answered: " + new String(reply, UTF_8));
        }
    }

    private static MeshNode node(LocalNetwork net, String name) {
        // No auto-connect: alice reaches carol only through bob.
        return MeshNode.builder().username(name).transport(net.transport(name))
                .autoConnect(false).build().start();
    }
}
