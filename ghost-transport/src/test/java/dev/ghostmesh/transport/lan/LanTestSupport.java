package dev.ghostmesh.transport.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.UncaughtExceptions;
import java.io.Closeable;
import java.io.IOException;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * Shared fixture for LAN discovery tests. Everything stays on loopback: discoveries are given
 * {@code lo} explicitly, raw senders pin their multicast interface to {@code lo}, and each test
 * uses its own free UDP port, so parallel runs never hear each other. Each discovery runs on a
 * real node loop ({@link RecordingDiscoveryContext}). After each test every discovery is closed,
 * its socket must let go of the port, no {@code ghost-lan-*} thread may exist (the discovery has
 * none of its own), and no context violation or exception on a background thread may have been
 * recorded.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
abstract class LanTestSupport {
    static final Duration INTERVAL = Duration.ofMillis(200);
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final String GROUP = "239.255.77.77";

    /** A started discovery, its context and the TCP port it advertises. */
    record Node(LanDiscovery discovery, RecordingDiscoveryContext context, NodeId id,
            int tcpPort) {
        /** Where other nodes on this host should report it. */
        PeerAddress address() {
            return PeerAddress.tcp("127.0.0.1", tcpPort);
        }

        boolean found(Node other) {
            return context.found(other.id(), other.address());
        }
    }

    final int port = freePort();
    private final List<Node> nodes = new ArrayList<>();
    private final List<Closeable> raw = new ArrayList<>();
    private UncaughtExceptions uncaught;

    @BeforeEach
    void recordUncaughtExceptions() {
        uncaught = UncaughtExceptions.install();
    }

    @AfterEach
    void closeEverythingAndCheck() throws IOException {
        try {
            for (Closeable c : raw) {
                c.close();
            }
            for (Node n : nodes) {
                n.discovery().close();
            }
            Await.until(TIMEOUT, this::portReleased, "every discovery socket to be closed");
            assertEquals(List.of(), lanThreads(), "threads of a discovery");
            for (Node n : nodes) {
                n.context().assertNoViolations();
            }
            uncaught.assertNone();
        } finally {
            uncaught.close();
        }
    }

    /** A loopback-only builder on this test's port with the short test interval. */
    LanDiscovery.Builder loopback() {
        return LanDiscovery.builder().port(port).interfaces(List.of("lo")).interval(INTERVAL);
    }

    Node start() throws IOException {
        return start(loopback());
    }

    Node start(LanDiscovery.Builder builder) throws IOException {
        return start(builder, ThreadLocalRandom.current().nextInt(20_000, 60_000));
    }

    /** Starts a discovery advertising {@code tcpPort} (0: no listen address). */
    Node start(LanDiscovery.Builder builder, int tcpPort) throws IOException {
        return start(builder, Identity.generate().id(), tcpPort);
    }

    Node start(LanDiscovery.Builder builder, NodeId id) throws IOException {
        return start(builder, id, ThreadLocalRandom.current().nextInt(20_000, 60_000));
    }

    Node start(LanDiscovery.Builder builder, NodeId id, int tcpPort) throws IOException {
        RecordingDiscoveryContext context = new RecordingDiscoveryContext(id, tcpPort);
        Node node = new Node(builder.build(), context, id, tcpPort);
        nodes.add(node); // before start, so a failed start is cleaned up too
        node.discovery().start(context);
        return node;
    }

    /**
     * Live threads named as the discovery's own thread was before it moved to the node's loop
     * ({@code ghost-lan-<port>-<id>}); there must be none.
     */
    static List<String> lanThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(n -> n.startsWith("ghost-lan-")).toList();
    }

    /** How many of this test's discoveries have their socket open. */
    long openDiscoveries() {
        return nodes.stream().filter(n -> n.discovery().isOpen()).count();
    }

    /**
     * True if this test's UDP port can be bound without address reuse, which Linux refuses
     * while any socket (a discovery's, shared with reuse) still holds it.
     */
    boolean portReleased() {
        try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
            probe.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A raw IPv4 UDP socket bound to {@code bindHost} on an ephemeral port, whose multicast
     * leaves through {@code lo} only. Binding 127.0.0.2 makes its datagrams come from another
     * source address than the nodes' 127.0.0.1.
     */
    DatagramChannel rawSocket(String bindHost) throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        track(ch);
        ch.bind(new InetSocketAddress(InetAddress.getByName(bindHost), 0));
        ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
        ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
        ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
        return ch;
    }

    void sendToGroup(DatagramChannel ch, byte[] datagram) throws IOException {
        int sent = ch.send(ByteBuffer.wrap(datagram), new InetSocketAddress(GROUP, port));
        assertTrue(sent == datagram.length, "datagram sent whole");
    }

    <T extends Closeable> T track(T closeable) {
        raw.add(closeable);
        return closeable;
    }

    /** A UDP port nothing on this host uses right now. */
    static int freePort() {
        try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
            probe.bind(new InetSocketAddress(0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] beacon(NodeId id, int tcpPort) {
        return new Beacon(id, tcpPort).encode();
    }
}
