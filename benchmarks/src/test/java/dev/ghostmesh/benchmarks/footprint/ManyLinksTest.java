package dev.ghostmesh.benchmarks.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.transport.tcp.TcpTransport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The scaled-down, in-process form of {@link LinkFootprint}: one node on TCP loopback holding
 * 200 authenticated links from a swarm of peers on 20 source addresses, relaying a broadcast
 * from one of them to all the others. What it proves is behaviour (every link authenticated and
 * counted, nothing lost or dropped), not speed.
 */
class ManyLinksTest {
    private static final int LINKS = 200;

    @Test
    void oneNodeHoldsTwoHundredLinksAndRelaysABroadcastFromOnePeerToAllTheOthers()
            throws Exception {
        List<Message> received = new CopyOnWriteArrayList<>();
        try (MeshNode node = MeshNode.builder().username("hub").autoConnect(false)
                .maxLinks(LINKS + 10, 64, 8)
                .transport(TcpTransport.builder().port(0).bindAddress("127.0.0.1")
                        .maxConnections(LINKS + 64).build())
                .build();
                Swarm swarm = new Swarm()) {
            node.addListener(new MeshListener() {
                @Override
                public void onMessage(Message m) {
                    received.add(m);
                }
            });
            node.start();
            int port = node.status().listening().get(0).port();

            swarm.dial(new InetSocketAddress("127.0.0.1", port), LINKS, 10, 4);
            await(() -> node.peers().size() == LINKS, "every link counted as a peer");
            await(() -> node.nodes().size() == LINKS, "every peer's announce taken");
            long nanos = swarm.broadcast(0, "hello, everyone").get(20, TimeUnit.SECONDS);

            assertTrue(nanos > 0);
            assertEquals(LINKS - 1, (int) swarm.receivedSoFar().get(5, TimeUnit.SECONDS),
                    "every other peer got the broadcast, once");
            await(() -> received.size() == 1, "the hub delivered it too");
            assertEquals("hello, everyone", received.get(0).text());
            assertEquals("p0", received.get(0).senderName());
            assertEquals(LINKS, node.peers().size(), "no link was lost on the way");
            assertEquals(0, swarm.linksLost());
            assertEquals(0, swarm.errors(), "every frame from the hub decrypted and decoded");
            assertEquals(0, node.status().linksRefused());
            assertEquals(0, node.status().sendDropped());
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(10);
        }
    }
}
