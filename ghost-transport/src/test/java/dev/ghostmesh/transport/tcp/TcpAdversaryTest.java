package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.fixtures.AdversaryTestBase;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.MeshTransports;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks only a socket can make, on raw {@link java.net.Socket}s against the target's real TCP
 * transport, in the middle of alice's and bob's conversation: a peer that never reads, a
 * thousand half-open connections, a slowloris and an oversized length prefix. Each costs the
 * attacker its own connection only; the chat through the target goes on.
 */
class TcpAdversaryTest extends AdversaryTestBase {
    private static final int FLOOD_CONNECTIONS = 1_000;
    private static final int PENDING_PER_HOST = 8; // the default cap
    /** Linux routes all of 127/8 on loopback, so the flood can come from "another host". */
    private static final String FLOOD_HOST = "127.0.0.2";
    private static final String BIG = "x".repeat(15_000);

    private TunedTransports tcp;
    private final List<Closeable> sockets = new ArrayList<>();

    /** TCP on loopback, with the target's transport built as each test says. */
    private static final class TunedTransports implements MeshTransports {
        private final TcpMeshTransports plain = new TcpMeshTransports();
        UnaryOperator<TcpTransport.Builder> target = b -> b;

        @Override
        public Transport newTransport(String name) {
            return name.equals("target")
                    ? target.apply(TcpTransport.builder().port(0).bindAddress("127.0.0.1")).build()
                    : plain.newTransport(name);
        }

        @Override
        public Transport restartedAt(String name, Transport previous) {
            return plain.restartedAt(name, previous);
        }

        @Override
        public PeerAddress addressOf(Transport started) {
            return plain.addressOf(started);
        }
    }

    @Override
    protected MeshTransports transports() {
        tcp = new TunedTransports();
        return tcp;
    }

    @AfterEach
    void closeSockets() throws IOException {
        for (Closeable c : sockets) {
            c.close();
        }
    }

    private <T extends Closeable> T track(T socket) {
        sockets.add(socket);
        return socket;
    }

    private boolean linked(TestNode node, NodeId peer) {
        return node.node().peers().stream().anyMatch(p -> p.id().equals(peer));
    }

    @Test
    void aPeerThatNeverReadsIsDroppedWhileBigBroadcastsFlowOn() throws Exception {
        tcp.target = b -> b.writeStallTimeout(Duration.ofSeconds(1));
        honestMesh(b -> b);
        RawNoisePeer sloth = track(RawNoisePeer.open(addressOf(target), 4096)).handshake("sloth");
        NodeId slothId = sloth.identity().id();
        Await.until(WAIT, () -> linked(target, slothId), "the target to admit the sloth");
        chat("before the sloth stops reading");

        // The sloth reads nothing from now on. Alice sends 15 KB broadcasts, a few in flight
        // at a time, until the target's buffers toward the sloth are full and it gives up.
        int sent = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (linked(target, slothId)) {
            if (sent - bigsAt(bob) < 8) {
                alice.node().broadcast("big #" + sent++ + " " + BIG);
            } else {
                Thread.sleep(1); // polling bob's progress, not waiting for an outcome
            }
            assertTrue(System.nanoTime() - deadline < 0, "the sloth still linked after "
                    + sent + " big broadcasts");
        }
        assertTrue(sloth.awaitClosedByNode(WAIT), "the target closes the connection");
        // Whichever comes first names the sloth's fault: the write stall timeout, or its
        // queue filling up (a refused frame breaks the link's cipher stream, so it goes).
        Await.until(WAIT, () -> target.events().disconnectReasons.stream()
                .anyMatch(r -> r.startsWith("sloth: peer stopped reading")
                        || r.equals("sloth: its outbound queue was full: a frame was dropped")),
                () -> "the reason, have " + target.events().disconnectReasons);
        int total = sent;
        Await.until(WAIT, () -> bigsAt(bob) == total, () -> "bob to get all " + total);
        for (int i = 0; i < total; i++) {
            assertEquals(1, bob.count("big #" + i + " " + BIG), "big broadcast " + i);
        }
        assertTargetSurvivedAndChatFlows();
    }

    private static long bigsAt(TestNode node) {
        return node.events().messages.stream().filter(m -> m.text().startsWith("big #")).count();
    }

    @Test
    void aThousandHalfOpenConnectionsAreCappedPerHostAndLeaveNothingBehind() throws Exception {
        // Default caps: 64 handshakes in progress, 8 from one host. The handshake timeout must
        // outlast the flood (about 1 s, several on a loaded machine): a pending handshake that
        // times out mid-flood frees its slot, and the count of refusals below would be short.
        honestMesh(b -> b.handshakeTimeout(Duration.ofSeconds(6)));
        TcpTransport targetTcp = (TcpTransport) target.transport().delegate();
        long refusedBefore = target.node().status().linksRefused();
        InetAddress floodHost = InetAddress.getByName(FLOOD_HOST);
        InetSocketAddress to = new InetSocketAddress(addressOf(target).host(),
                addressOf(target).port());
        List<SocketChannel> flood = new ArrayList<>();
        for (int i = 0; i < FLOOD_CONNECTIONS; i++) {
            SocketChannel ch = track(SocketChannel.open());
            ch.bind(new InetSocketAddress(floodHost, 0));
            ch.connect(to); // blocking; then it says nothing at all
            ch.configureBlocking(false);
            flood.add(ch);
            if (i % 100 == 0) {
                chatAsync("during the connection flood");
            }
        }

        // Beyond the per-host cap every connection is closed at once, by the node (or by the
        // transport, if too many were open at that moment).
        int capped = FLOOD_CONNECTIONS - PENDING_PER_HOST;
        Await.until(WAIT, () -> closedByNode(flood) >= capped,
                () -> closedByNode(flood) + " flood connections closed");
        assertEquals(capped, closedByNode(flood), "handshakes left in progress");
        long refused = target.node().status().linksRefused() - refusedBefore
                + targetTcp.refusedConnections();
        assertEquals(capped, refused, "refused by the node or the transport");

        // A newcomer from another address is not held up by them.
        TestNode carol = start("carol");
        link(carol, target);
        settle(carol, alice, bob);

        // The eight in progress are closed at the handshake timeout: nothing is left open.
        chatAsync("while the last half-open connections wait");
        Await.until(WAIT, () -> closedByNode(flood) == FLOOD_CONNECTIONS,
                () -> closedByNode(flood) + " flood connections closed");
        Await.until(WAIT, () -> target.transport().openLinks() == 3,
                () -> "only alice's, bob's and carol's links open, not "
                        + target.transport().openLinks());
        assertTargetSurvivedAndChatFlows();
    }

    /** Flood connections the node has closed (end of stream or reset); reads what is there. */
    private static int closedByNode(List<SocketChannel> flood) {
        ByteBuffer buf = ByteBuffer.allocate(256);
        int closed = 0;
        for (SocketChannel ch : flood) {
            buf.clear();
            try {
                if (ch.read(buf) < 0) {
                    closed++;
                }
            } catch (IOException reset) {
                closed++;
            }
        }
        return closed;
    }

    @Test
    void aSlowlorisTricklingItsFirstHandshakeMessageIsCutOffAtTheFrameDeadline()
            throws Exception {
        Duration frameDeadline = Duration.ofSeconds(3);
        tcp.target = b -> b.frameTimeout(frameDeadline);
        honestMesh(b -> b);
        chat("before the slowloris");
        Socket slow = track(new Socket());
        slow.connect(new InetSocketAddress(addressOf(target).host(), addressOf(target).port()));
        slow.setSoTimeout(100);
        byte[] key = new byte[32];
        new Random(3).nextBytes(key);
        byte[] first = ByteBuffer.allocate(4 + key.length).putInt(key.length).put(key).array();

        // One byte every 2 s: the pace is the attack. The node sends nothing to a dialer
        // before its first message is whole, so the read ends only when the node closes.
        OutputStream out = slow.getOutputStream();
        InputStream in = slow.getInputStream();
        long start = System.nanoTime();
        long nextByte = start;
        int trickled = 0;
        boolean closed = false;
        long giveUp = start + frameDeadline.plus(WAIT).toNanos();
        while (!closed && trickled < first.length && System.nanoTime() - giveUp < 0) {
            if (System.nanoTime() - nextByte >= 0) {
                out.write(first[trickled++]);
                out.flush();
                nextByte += Duration.ofSeconds(2).toNanos();
                chatAsync("during the slowloris");
            }
            closed = closedWithin(in);
        }
        long elapsed = System.nanoTime() - start;
        assertTrue(closed, "the node waited for all " + first.length + " bytes");
        assertTrue(trickled >= 2, "closed after " + trickled + " byte(s), before it trickled");
        assertTrue(elapsed >= frameDeadline.toNanos(), "closed before the frame deadline");
        assertTargetSurvivedAndChatFlows();
    }

    /** Reads for the socket's timeout; true if the node closed the connection. */
    private static boolean closedWithin(InputStream in) {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void anOversizedLengthPrefixClosesTheLinkBeforeAndAfterTheHandshake() throws Exception {
        honestMesh(b -> b);
        chat("before the oversized frames");
        byte[] mebibyteFrame = ByteBuffer.allocate(4 + 1024).putInt(1 << 20).array();

        RawNoisePeer early = track(RawNoisePeer.open(addressOf(target), 0));
        early.writeRaw(mebibyteFrame);
        assertTrue(early.awaitClosedByNode(WAIT), "closed before the handshake");

        RawNoisePeer peer = track(RawNoisePeer.open(addressOf(target), 0)).handshake("bigmouth");
        NodeId id = peer.identity().id();
        Await.until(WAIT, () -> linked(target, id), "the target to admit the peer");
        chatAsync("between the oversized frames");
        peer.writeRaw(mebibyteFrame);
        assertTrue(peer.awaitClosedByNode(WAIT), "closed after the handshake");
        Await.until(WAIT, () -> !linked(target, id), "the target to drop the peer");
        Await.until(WAIT, () -> !target.events().disconnectReasons.isEmpty(), "the event");
        assertEquals(List.of("bigmouth: frame of 1048576 bytes exceeds the 65535-byte limit"),
                target.events().disconnectReasons);
        assertTargetSurvivedAndChatFlows();
    }
}
