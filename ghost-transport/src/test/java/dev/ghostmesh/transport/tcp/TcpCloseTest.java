package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.testing.ContextLoop;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.TransportContext;
import dev.ghostmesh.testing.RecordingTransportContext;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Graceful link close, close deadlines, peer closes and transport shutdown. */
class TcpCloseTest extends TcpTestSupport {
    private static final int FRAME = 8 * 1024;
    // More than loopback's socket buffers can hold, so most of it is still in our queue.
    private static final int FRAMES = 1000;
    private static final int BIG_QUEUE = 16 * 1024 * 1024;

    @Test
    void gracefulCloseFlushesQueuedFramesBeforeThePeerSeesTheClose() throws Exception {
        Node node = start(loopback().maxQueuedBytesPerLink(BIG_QUEUE)
                .closeFlushTimeout(Duration.ofSeconds(5)));
        ServerSocket server = rawServer(50, 4096);
        Link link = node.dial(addressOf(server));
        Socket peer = track(server.accept());
        for (int i = 0; i < FRAMES; i++) {
            assertTrue(link.send(numbered(i, FRAME)));
        }
        link.close();
        assertFalse(link.send(new byte[] {1}), "no sends after close()");

        DataInputStream in = new DataInputStream(peer.getInputStream());
        for (int i = 0; i < FRAMES; i++) {
            assertArrayEquals(numbered(i, FRAME), readFrame(in), "frame " + i);
        }
        assertEquals(-1, in.read(), "the close comes after the last frame");
        assertFalse(node.context().isDown(link), "still waiting for the peer's side to close");
        peer.close();
        assertNull(node.context().awaitLinkDown(link, TIMEOUT), "a clean close");
    }

    @Test
    void closeDeadlineGivesUpOnAPeerThatNeverReads() throws Exception {
        Node node = start(loopback().maxQueuedBytesPerLink(BIG_QUEUE)
                .closeFlushTimeout(Duration.ofMillis(200)));
        ServerSocket server = rawServer(50, 4096);
        Link link = node.dial(addressOf(server));
        track(server.accept()); // never reads
        for (int i = 0; i < FRAMES; i++) {
            assertTrue(link.send(numbered(i, FRAME)));
        }
        long began = System.nanoTime();
        link.close();
        Throwable cause = node.context().awaitLinkDown(link, TIMEOUT);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        assertInstanceOf(IOException.class, cause);
        assertTrue(cause.getMessage().matches("link closed after 200 ms with \\d+ bytes still unsent"),
                cause.getMessage());
        assertTrue(tookMillis >= 150 && tookMillis < 2000, "took " + tookMillis + " ms");
    }

    @Test
    void peerClosingItsSocketIsACleanLinkDown() throws Exception {
        Node node = start();
        Socket peer = rawClient(node);
        Link link = node.context().nextInboundLink(TIMEOUT);
        peer.close();
        assertNull(node.context().awaitLinkDown(link, TIMEOUT));
        assertFalse(link.send(new byte[] {1}));
    }

    @Test
    void peerResetIsALinkDownWithTheIoErrorAsCause() throws Exception {
        Node node = start();
        Socket peer = rawClient(node);
        Link link = node.context().nextInboundLink(TIMEOUT);
        peer.setSoLinger(true, 0); // close() now sends a reset instead of a normal close
        peer.close();
        assertInstanceOf(IOException.class, node.context().awaitLinkDown(link, TIMEOUT));
    }

    @Test
    void transportCloseRaisesLinkDownForEveryLinkAndReturnsPromptly() throws Exception {
        Duration flush = Duration.ofMillis(200);
        Node node = start(loopback().maxQueuedBytesPerLink(BIG_QUEUE).closeFlushTimeout(flush));
        Node other = start();
        Link toOther = node.dial(other);
        Link otherIn = other.context().nextInboundLink(TIMEOUT);
        rawClient(node); // connects, then neither reads nor closes: the drain waits for it
        Link silentIn = node.context().nextInboundLink(TIMEOUT);
        ServerSocket sink = rawServer(50, 4096);
        Link stuffed = node.dial(addressOf(sink));
        track(sink.accept()); // never reads: the flush cannot finish
        for (int i = 0; i < FRAMES; i++) {
            assertTrue(stuffed.send(numbered(i, FRAME)));
        }
        int port = node.port();

        long began = System.nanoTime();
        node.transport().close();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

        assertTrue(tookMillis < flush.toMillis() + 100 + 150, "close() took " + tookMillis + " ms");
        RecordingTransportContext ctx = node.context();
        // Already down when close() returns, not merely later.
        assertNull(ctx.awaitLinkDown(toOther, Duration.ZERO));
        assertNull(ctx.awaitLinkDown(silentIn, Duration.ZERO));
        assertNotNull(ctx.awaitLinkDown(stuffed, Duration.ZERO), "unsent frames are an error");
        assertThrows(IOException.class, () -> new Socket(LOOPBACK, port).close(),
                "the listen socket is closed");
        assertNull(other.context().awaitLinkDown(otherIn, TIMEOUT));
        assertTrue(node.transport().listenAddresses().isEmpty());
        node.transport().close(); // idempotent
    }

    @Test
    void closingTheTransportFromInsideACallbackDoesNotDeadlock() throws Exception {
        RecordingTransportContext recorder = new RecordingTransportContext();
        TcpTransport transport = loopback().build();
        track(transport::close);
        transport.start(new ContextLoop.Looped() {
            @Override
            public void onLinkUp(Link link) {
                recorder.onLinkUp(link);
                transport.close(); // on the selector thread: must not wait for itself
            }

            @Override
            public void onFrame(Link link, byte[] frame) {
                recorder.onFrame(link, frame);
            }

            @Override
            public void onLinkDown(Link link, Throwable cause) {
                recorder.onLinkDown(link, cause);
            }

            @Override
            public int maxFrameSize() {
                return recorder.maxFrameSize();
            }
        });
        int port = transport.listenAddresses().get(0).port();
        Socket peer = track(new Socket(LOOPBACK, port));
        peer.setSoTimeout((int) TIMEOUT.toMillis());
        Link link = recorder.nextInboundLink(TIMEOUT);
        assertEquals(-1, peer.getInputStream().read());
        peer.close();
        assertNull(recorder.awaitLinkDown(link, TIMEOUT));
        recorder.assertNoViolations();
        CompletableFuture<Link> after = transport.dial(PeerAddress.tcp("127.0.0.1", port));
        assertTrue(after.isCompletedExceptionally());
    }

}
