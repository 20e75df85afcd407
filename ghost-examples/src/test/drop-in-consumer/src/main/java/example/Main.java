package example;

import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.spi.PeerAddress;
import dev.ghostmesh.transport.tcp.TcpTransport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Two nodes on TCP loopback: alice dials bob, waits until bob knows her, broadcasts one line,
 * and bob prints it. Exits 0 once bob has printed it, 1 if it did not arrive within 20 seconds.
 * Threading: main waits on futures the listener thread of bob's node completes.
 */
public final class Main {
    public static void main(String[] args) throws Exception {
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
            alice.start();
            bob.start();
            PeerAddress bobAddress = bob.status().listening().get(0);
            alice.connect(bobAddress).get(20, TimeUnit.SECONDS);
            bobKnowsAlice.get(20, TimeUnit.SECONDS);
            alice.broadcast("hello from a drop-in consumer").get(20, TimeUnit.SECONDS);
            Message got = bobReceived.get(20, TimeUnit.SECONDS);
            System.out.println("bob received from " + got.senderName() + ": " + got.text());
        }
    }

    private static MeshNode node(String name) {
        return MeshNode.builder().username(name).autoConnect(false)
                .transport(TcpTransport.builder().bindAddress("127.0.0.1").port(0).build())
                .build();
    }
}
