package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.Link;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Outbound connects and the messages users see when they fail. */
class TcpDialTest extends TcpTestSupport {
    private static final Duration SHORT = Duration.ofMillis(300);

    @Test
    void dialToAClosedPortFailsWithConnectionRefused() throws Exception {
        Node node = start();
        PeerAddress closed;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            closed = addressOf(s);
        }
        Throwable e = failure(node.transport().dial(closed));
        assertInstanceOf(ConnectException.class, e);
        assertEquals("connection refused", e.getMessage());
    }

    @Test
    void dialTimesOutWhenTheListenerNeverCompletesTheHandshake() throws Exception {
        Node node = start(loopback().connectTimeout(SHORT));
        ServerSocket full = rawServer(1, 0); // never accepts
        Assumptions.assumeTrue(fillBacklog(full), "the kernel did not stall a connect to a full"
                + " backlog; the resolver-stall test covers the timeout instead");
        long began = System.nanoTime();
        Throwable e = failure(node.transport().dial(addressOf(full)));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        assertInstanceOf(SocketTimeoutException.class, e);
        assertEquals("connect timed out after 300 ms", e.getMessage());
        assertTrue(tookMillis >= 250 && tookMillis < 3000, "took " + tookMillis + " ms");
        assertTrue(node.context().linksUp().isEmpty());
    }

    @Test
    void unknownHostFailsWithAUserFacingMessage() throws Exception {
        Node node = start(loopback().resolver(host -> {
            throw new UnknownHostException(host + ": Name or service not known");
        }));
        Throwable e = failure(node.transport().dial(PeerAddress.tcp("nowhere.invalid", 6666)));
        assertInstanceOf(UnknownHostException.class, e);
        assertEquals("unknown host nowhere.invalid", e.getMessage());
    }

    @Test
    void slowNameResolutionNeitherStallsOtherLinksNorOutlivesTheTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try {
            Node node = start(loopback().connectTimeout(SHORT).resolver(host -> {
                if (host.equals("slow.test")) {
                    never.await(); // a DNS server that does not answer
                }
                return InetAddress.getByName(host);
            }));
            Node other = start();
            CompletableFuture<Link> slow = node.transport().dial(PeerAddress.tcp("slow.test", 1));

            Link fast = node.dial(other); // the selector keeps serving while DNS hangs
            assertTrue(fast.send(new byte[] {1}));
            Link fastIn = other.context().nextInboundLink(TIMEOUT);
            assertArrayEquals(new byte[] {1}, other.context().awaitFrames(fastIn, 1, TIMEOUT)
                    .get(0));

            Throwable e = failure(slow);
            assertInstanceOf(SocketTimeoutException.class, e);
            assertEquals("connect timed out after 300 ms", e.getMessage());
        } finally {
            never.countDown();
        }
    }

    @Test
    void dialAfterCloseFailsAndDialBeforeStartIsAnError() throws Exception {
        Node node = start();
        PeerAddress self = node.address();
        node.transport().close();
        assertEquals("transport closed", failure(node.transport().dial(self)).getMessage());
        TcpTransport unstarted = loopback().build();
        assertThrows(IllegalStateException.class, () -> unstarted.dial(self));
    }

    @Test
    void pendingDialFailsWhenTheTransportCloses() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try {
            Node node = start(loopback().resolver(host -> {
                never.await();
                return LOOPBACK;
            }));
            CompletableFuture<Link> pending = node.transport().dial(PeerAddress.tcp("x.test", 1));
            node.transport().close();
            assertEquals("transport closed", failure(pending).getMessage());
        } finally {
            never.countDown();
        }
    }

    /**
     * Connects plain sockets until one stalls: with the accept queue full, Linux drops further
     * SYNs, so later connects hang. Returns false if no connect ever stalled.
     */
    private boolean fillBacklog(ServerSocket server) {
        for (int i = 0; i < 16; i++) {
            Socket s = track(new Socket());
            try {
                s.connect(server.getLocalSocketAddress(), 100);
            } catch (SocketTimeoutException stalled) {
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        }
        return false;
    }

    private static Throwable failure(CompletableFuture<?> future) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        return e.getCause();
    }
}
