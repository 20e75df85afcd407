package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.testing.ContextLoop;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.TransportContext;
import dev.ghostmesh.testing.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A thousand idle connections from one host cannot push the transport past its connection cap:
 * the excess is closed at once, existing links keep flowing, and room returns when they go.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TcpConnectionFloodTest extends TcpTestSupport {
    private static final int CAP = 200;
    private static final int FLOOD = 1000;
    /** Linux routes all of 127/8 on loopback, so the flood can come from "another host". */
    private static final String FLOOD_HOST = "127.0.0.2";

    @Test
    void floodOfIdleConnectionsIsCappedAndTheNodeRecoversWhenItEnds() throws Exception {
        LinkCounter counter = new LinkCounter();
        Node node = start(loopback().maxConnections(CAP), counter::wrap);
        Node other = start();
        Link honest = other.dial(node); // one of the CAP links, opened before the flood
        Link honestIn = node.context().nextInboundLink(TIMEOUT);

        List<SocketChannel> flood = new ArrayList<>();
        InetAddress floodHost = InetAddress.getByName(FLOOD_HOST);
        int resetWhileConnecting = 0;
        for (int i = 0; i < FLOOD; i++) {
            SocketChannel ch = idleConnection(floodHost, node.port());
            if (ch == null) {
                resetWhileConnecting++;
            } else {
                flood.add(ch);
            }
        }
        int turnedAwayEarly = resetWhileConnecting;

        // Every connection beyond the cap is closed at once, seen from the flooding side too.
        int admitted = CAP - 1;
        Await.until(TIMEOUT, () -> node.transport().refusedConnections() == FLOOD - admitted,
                () -> node.transport().refusedConnections() + " refused");
        Await.until(TIMEOUT, () -> closedByPeer(flood) + turnedAwayEarly == FLOOD - admitted,
                () -> closedByPeer(flood) + " flood connections closed by the node, "
                        + turnedAwayEarly + " reset while connecting");
        assertEquals(CAP, counter.peak(), "links open at the peak");
        assertEquals(CAP, counter.open());
        assertEquals(admitted, countFrom(node, FLOOD_HOST));

        // The node still answers: the honest link flows both ways, and a newcomer is turned
        // away at once rather than left hanging.
        assertTrue(honest.send(new byte[] {1}));
        assertTrue(honestIn.send(new byte[] {2}));
        node.context().awaitFrames(honestIn, 1, TIMEOUT);
        other.context().awaitFrames(honest, 1, TIMEOUT);
        Socket turnedAway = rawClient(node);
        assertClosedByPeer(turnedAway);
        assertEquals(FLOOD - admitted + 1, node.transport().refusedConnections());

        // When the flood ends, its links go down and there is room again.
        for (SocketChannel ch : flood) {
            ch.close();
        }
        Await.until(TIMEOUT, () -> counter.open() == 1, () -> counter.open() + " links open");
        Socket newcomer = rawClient(node);
        Link newcomerLink = awaitLinkFrom(node, newcomer);
        writeFrame(newcomer.getOutputStream(), new byte[] {3});
        assertArrayEquals(new byte[] {3},
                node.context().awaitFrames(newcomerLink, 1, TIMEOUT).get(0));
        assertFalse(node.context().isDown(honestIn));
        assertEquals(CAP, counter.peak(), "the cap held throughout");
    }

    @Test
    void dialFailsWhenTheCapIsReached() throws Exception {
        Node node = start(loopback().maxConnections(1));
        Node other = start();
        rawClient(node);
        node.context().nextInboundLink(TIMEOUT);

        ExecutionException e = assertThrows(ExecutionException.class, () -> node.dial(other));
        assertEquals("too many open connections (limit 1)", e.getCause().getMessage());
        assertTrue(other.context().linksUp().isEmpty(), "no socket was opened");
    }

    /**
     * One idle connection from {@code host}, or null when the node turned it away so fast
     * that the connect itself saw the reset: on loopback the node can accept and close an
     * excess connection before the connecting thread wakes up.
     */
    private SocketChannel idleConnection(InetAddress host, int port) throws IOException {
        SocketChannel ch = track(SocketChannel.open());
        ch.bind(new InetSocketAddress(host, 0));
        try {
            ch.connect(new InetSocketAddress(LOOPBACK, port)); // blocking, then idle
        } catch (SocketException e) {
            ch.close();
            return null;
        }
        ch.configureBlocking(false);
        return ch;
    }

    /** Counts flood connections the node has closed (end of stream or reset). */
    private static int closedByPeer(List<SocketChannel> flood) {
        ByteBuffer buf = ByteBuffer.allocate(16);
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

    private static void assertClosedByPeer(Socket s) {
        try {
            assertEquals(-1, s.getInputStream().read(), "end of stream");
        } catch (IOException reset) {
            // Also fine: the node refuses with a reset, so it keeps no state for the connection.
        }
    }

    private static long countFrom(Node node, String host) {
        return node.context().linksUp().stream()
                .filter(l -> !node.context().isDown(l))
                .filter(l -> l.remoteAddress().host().equals(host))
                .count();
    }

    private static Link awaitLinkFrom(Node node, Socket s) {
        Await.until(TIMEOUT, () -> linkFrom(node, s) != null, "a link from " + s);
        return linkFrom(node, s);
    }

    private static Link linkFrom(Node node, Socket s) {
        return node.context().linksUp().stream()
                .filter(l -> l.inbound() && l.remoteAddress().port() == s.getLocalPort()
                        && l.remoteAddress().host().equals(s.getLocalAddress().getHostAddress()))
                .findFirst().orElse(null);
    }

    /** Wraps a context to count the links open at once, and the most ever open. */
    private static final class LinkCounter {
        private final AtomicInteger open = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();

        int open() {
            return open.get();
        }

        int peak() {
            return peak.get();
        }

        TransportContext wrap(TransportContext delegate) {
            return new ContextLoop.Looped() {
                @Override
                public int maxFrameSize() {
                    return delegate.maxFrameSize();
                }

                @Override
                public void onLinkUp(Link link) {
                    peak.accumulateAndGet(open.incrementAndGet(), Math::max);
                    delegate.onLinkUp(link);
                }

                @Override
                public void onFrame(Link link, byte[] frame) {
                    delegate.onFrame(link, frame);
                }

                @Override
                public void onLinkDown(Link link, Throwable cause) {
                    open.decrementAndGet();
                    delegate.onLinkDown(link, cause);
                }
            };
        }
    }
}
