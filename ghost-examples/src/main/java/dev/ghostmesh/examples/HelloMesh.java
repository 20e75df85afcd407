package dev.ghostmesh.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ghostmesh.MeshNode;
import dev.ghostmesh.local.LocalNetwork;
import java.time.Duration;

/** alice - bob - carol in a line (no auto-connect), bob relaying. Threading: main blocks. */
public final class HelloMesh {
    public static void main(String[] args) {
        try (LocalNetwork net = LocalNetwork.create(); MeshNode alice = node(net, "alice");
                MeshNode bob = node(net, "bob"); MeshNode carol = node(net, "carol")) {
            carol.subscribe("hello/greetings", d -> System.out.println("carol got: "
                    + new String(d.payloadBytes(), UTF_8) + " (" + d.hops() + " hops)"));
            carol.onRequest("hello/who", d -> ("hi " + d.senderName()).getBytes(UTF_8));
            alice.connect(bob.listenAddresses().get(0)).join();
            carol.connect(bob.listenAddresses().get(0)).join();
            alice.publish("hello/greetings", "hello, mesh".getBytes(UTF_8)).join();
            byte[] reply = alice.request(carol.id(), "hello/who", "anyone there?"
                    .getBytes(UTF_8), Duration.ofSeconds(5)).join().payloadBytes();
            System.out.println("carol answered: " + new String(reply, UTF_8));
        }
    }

    private static MeshNode node(LocalNetwork net, String name) {
        return MeshNode.builder().username(name).transport(net.transport(name))
                .autoConnect(false).build().start();
    }
}
