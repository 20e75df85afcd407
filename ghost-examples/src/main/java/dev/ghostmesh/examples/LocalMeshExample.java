package dev.ghostmesh.examples;

import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.local.LocalNetwork;
import dev.ghostmesh.local.LocalTransport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The smallest embedding: a chain of nodes in one process on a {@link LocalNetwork}; the first
 * broadcasts and the last prints what arrives. Run it with
 * {@code mvn -q -pl ghost-examples -am package -DskipTests exec:java
 * -Dexec.mainClass=dev.ghostmesh.examples.LocalMeshExample}
 * (see README.md).
 *
 * <p>Threading: {@code main} drives the nodes; the listener runs on the last node's listener
 * thread and only counts down a latch.
 */
public final class LocalMeshExample {
    private LocalMeshExample() {}

    /** Runs a chain of {@code args[0]} nodes (default 5) and prints the delivery. */
    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        run(size, System.out);
    }

    /** Builds the chain, sends one broadcast end to end, and reports it on {@code out}. */
    public static void run(int size, PrintStream out) throws Exception {
        try (LocalNetwork network = LocalNetwork.create()) {
            List<MeshNode> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < size; i++) {
                    LocalTransport transport = network.transport("node-" + i);
                    // A chain on purpose: without auto-connect, nodes link only as told.
                    MeshNode node = MeshNode.builder().username("node-" + i)
                            .transport(transport).autoConnect(false).build();
                    node.start();
                    if (i > 0) {
                        node.connect(network.transport("node-" + (i - 1)).address())
                                .get(5, TimeUnit.SECONDS);
                    }
                    nodes.add(node);
                }
                CountDownLatch arrived = new CountDownLatch(1);
                Message[] received = new Message[1];
                nodes.get(size - 1).addListener(new MeshListener() {
                    @Override
                    public void onMessage(Message message) {
                        received[0] = message;
                        arrived.countDown();
                    }
                });
                nodes.get(0).broadcast("hello from the head of the chain");
                if (!arrived.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the broadcast did not reach the tail");
                }
                out.printf("%s received \"%s\" from %s after %d hops%n",
                        nodes.get(size - 1).username(), received[0].text(),
                        received[0].senderName(), received[0].hops());
            } finally {
                nodes.forEach(MeshNode::close);
            }
        }
    }
}
