package dev.ghostmesh.transport.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.LoopGroup;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.MeshListener;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.spi.MeshClock;
import dev.ghostmesh.transport.tcp.TcpTransport;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.UncaughtExceptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whole nodes with LAN discovery on loopback: they find each other and chat with no address
 * given, and spoofed beacons never get a link accepted under a wrong id.
 */
class LanMeshTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The threads a node may run besides its loop's; other tests' may still be alive. */
    private static final String LIBRARY_THREADS =
            "ghost-(loop-\\d+|callbacks|verify-\\d+|kdf-.*|tcp-\\d+-resolver-\\d+)";
    private final int udpPort = LanTestSupport.freePort();
    private final List<MeshNode> nodes = new ArrayList<>();
    private final UncaughtExceptions uncaught = UncaughtExceptions.install();

    private MeshNode node(String name, String bindHost, boolean discovery, List<String> texts) {
        MeshNode.Builder b = MeshNode.builder().username(name)
                .transport(TcpTransport.builder().port(0).bindAddress(bindHost).build());
        if (discovery) {
            b.discovery(LanDiscovery.builder().port(udpPort).interfaces(List.of("lo"))
                    .interval(Duration.ofMillis(200)).build());
        }
        MeshNode n = b.build();
        n.addListener(new MeshListener() {
            @Override
            public void onMessage(Message m) {
                texts.add(m.text());
            }
        });
        n.start();
        nodes.add(n);
        return n;
    }

    private static boolean linked(MeshNode a, MeshNode b) {
        return a.peers().stream().anyMatch(p -> p.id().equals(b.id()));
    }

    @AfterEach
    void close() {
        nodes.forEach(MeshNode::close);
        try (uncaught) {
            uncaught.assertNone();
        }
        nodes.forEach(n -> assertEquals(0, n.status().internalErrors(), n.toString()));
    }

    @Test
    void twoNodesWithDiscoveryFindEachOtherAndChatWithNoAddressGiven() {
        List<String> bobGot = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        MeshNode alice = node("alice", "127.0.0.1", true, new CopyOnWriteArrayList<>());
        MeshNode bob = node("bob", "127.0.0.1", true, bobGot);
        Await.until(WAIT, () -> linked(alice, bob) && linked(bob, alice), "discovery to link them");
        System.out.printf("discovered and linked on loopback in %d ms (beacon interval 200 ms)%n",
                (System.nanoTime() - start) / 1_000_000);
        // Discovery runs on the nodes' loops: no thread of its own, only the library's usual ones.
        assertEquals(List.of(), LanTestSupport.lanThreads(), "threads of a discovery");
        List<String> others = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(n -> n.startsWith("ghost-"))
                .filter(n -> !n.matches(LIBRARY_THREADS)).toList();
        assertEquals(List.of(), others, "threads beyond the loops, callbacks, verifiers, resolvers");
        alice.broadcast("found you");
        Await.until(WAIT, () -> bobGot.contains("found you"), "chat over the discovered link");
        assertEquals(1, alice.peers().size(), "one link, however many beacons arrived");
    }

    @Test
    void aHostDrivenNodeRunsDiscoveryInItsPollsAndClosesItWithoutWaitingOutTheLoop() {
        try (LoopGroup host = LoopGroup.hostDriven(MeshClock.system())) {
            LanDiscovery lan = LanDiscovery.builder().port(udpPort).interfaces(List.of("lo"))
                    .interval(Duration.ofMillis(200)).build();
            MeshNode n = MeshNode.builder().username("host").loops(host)
                    .transport(TcpTransport.builder().port(0).bindAddress("127.0.0.1").build())
                    .discovery(lan).build();
            n.start();
            long end = System.nanoTime() + WAIT.toNanos();
            while (lan.stats().ownIgnored() == 0) { // its own beacon, sent and heard in polls
                assertTrue(System.nanoTime() < end, "no beacon heard: " + lan.stats());
                if (host.poll() == 0) {
                    LockSupport.parkNanos(1_000_000); // the host's idle tick
                }
            }
            long t0 = System.nanoTime();
            n.close(); // closes the discovery on the loop, which close runs: nobody else does
            long millis = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("host-driven node with discovery closed in %d ms%n", millis);
            assertTrue(millis < 450, "close took " + millis + " ms; the discovery waits 500");
            assertTrue(!lan.isOpen(), "the discovery's socket is closed");
        }
    }

    @Test
    void spoofedBeaconsNeverGetALinkAcceptedUnderAWrongIdAndChatGoesOn() throws Exception {
        List<String> bobGot = new CopyOnWriteArrayList<>();
        MeshNode alice = node("alice", "127.0.0.1", true, new CopyOnWriteArrayList<>());
        MeshNode bob = node("bob", "127.0.0.1", true, bobGot);
        // Carol is real but silent; the spoofer claims she is bob, at carol's address.
        MeshNode carol = node("carol", "127.0.0.2", false, new CopyOnWriteArrayList<>());
        int carolPort = carol.status().listening().get(0).port();
        Await.until(WAIT, () -> linked(alice, bob), "the honest nodes to meet");

        try (DatagramChannel spoofer = DatagramChannel.open(StandardProtocolFamily.INET)) {
            spoofer.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            spoofer.setOption(StandardSocketOptions.IP_MULTICAST_IF,
                    NetworkInterface.getByName("lo"));
            InetSocketAddress group = new InetSocketAddress("239.255.77.77", udpPort);
            long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            long sent = 0;
            int round = 0;
            while (System.nanoTime() < end) {
                // 10,000 beacons per second: 100 every 10 ms.
                long slot = System.nanoTime() + 10_000_000;
                for (int i = 0; i < 100; i++) {
                    NodeId claimed = i % 10 == 0 ? bob.id() : NodeId.of(randomId());
                    spoofer.send(ByteBuffer.wrap(LanTestSupport.beacon(claimed, carolPort)),
                            group);
                    sent++;
                }
                String text = "during flood " + round++;
                alice.broadcast(text);
                while (System.nanoTime() < slot) {
                    Thread.onSpinWait();
                }
            }
            System.out.printf("spoofer sent %d beacons in 2 s%n", sent);
            String last = "during flood " + (round - 1);
            Await.until(WAIT, () -> bobGot.contains(last), "honest chat to go on in the flood");
            assertEquals(round, bobGot.stream().filter(t -> t.startsWith("during flood")).count(),
                    "no honest message lost");
        }
        assertTrue(alice.peers().stream().noneMatch(p -> p.id().equals(carol.id())),
                "no link to carol: every dial to her address expected bob's id");
        assertTrue(alice.peers().stream().filter(p -> p.id().equals(bob.id()))
                .allMatch(p -> p.address().host().equals("127.0.0.1")),
                "bob is only ever linked at his real address");
        Await.until(WAIT, () -> carol.peers().isEmpty(),
                "carol not to keep any link from the spoofed dials");
        assertTrue(alice.status().invalidDropped() >= 1, "the false claim was caught");
    }

    private static byte[] randomId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return id;
    }
}
