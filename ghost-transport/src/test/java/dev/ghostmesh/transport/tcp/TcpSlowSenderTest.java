package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.spi.Link;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that trickles one frame a byte at a time loses its link at the frame deadline, while a
 * peer that is slow but completes each frame in time keeps its link and every frame.
 */
class TcpSlowSenderTest extends TcpTestSupport {
    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(1);
    private static final int FRAME = 100;

    // Paces the simulated peers; their schedule is the behaviour under test, not a wait.
    private final ScheduledExecutorService peers = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopPeers() throws InterruptedException {
        peers.shutdownNow();
        assertTrue(peers.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void frameNotCompletedInTimeClosesThatLinkWhileASlowButHonestPeerKeepsDelivering()
            throws Exception {
        Node node = start(loopback().frameTimeout(FRAME_TIMEOUT));
        Socket honest = rawClient(node);
        Link honestLink = node.context().nextInboundLink(TIMEOUT);
        Socket slow = rawClient(node);
        Link slowLink = node.context().nextInboundLink(TIMEOUT);

        // The honest peer always has half a frame in flight: each write finishes one frame and
        // starts the next, so its link is never idle between frames, yet every frame completes
        // within 50 ms. A deadline measured from anything but a frame's first byte kills it.
        HalfFrameSender honestPeer = new HalfFrameSender(honest.getOutputStream());
        peers.scheduleAtFixedRate(honestPeer::tick, 0, 50, TimeUnit.MILLISECONDS);

        long prefixSent = System.nanoTime();
        OutputStream slowOut = slow.getOutputStream();
        slowOut.write(ByteBuffer.allocate(4).putInt(FRAME).array());
        slowOut.flush();
        AtomicInteger trickled = new AtomicInteger();
        peers.scheduleAtFixedRate(() -> {
            try {
                slowOut.write(trickled.incrementAndGet());
                slowOut.flush();
            } catch (IOException closedByTheNode) {
                throw new IllegalStateException("stop trickling", closedByTheNode);
            }
        }, 300, 300, TimeUnit.MILLISECONDS);

        Throwable cause = node.context().awaitLinkDown(slowLink, TIMEOUT);
        long elapsed = System.nanoTime() - prefixSent;
        assertInstanceOf(SocketTimeoutException.class, cause);
        assertEquals("frame not completed within 1 s", cause.getMessage());
        assertTrue(elapsed >= FRAME_TIMEOUT.toNanos(),
                "closed after " + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms, before the deadline");
        assertTrue(trickled.get() < FRAME, "the slow frame was never complete");
        assertEquals(List.of(), node.context().frames(slowLink));

        // The honest peer kept sending the whole time; everything it completed has arrived.
        int completed = honestPeer.stop();
        assertTrue(completed >= 10, "only " + completed + " honest frames were sent meanwhile");
        List<byte[]> received = node.context().awaitFrames(honestLink, completed, TIMEOUT);
        assertEquals(completed, received.size());
        for (int i = 0; i < completed; i++) {
            assertArrayEquals(numbered(i, FRAME), received.get(i), "honest frame " + i);
        }
        assertFalse(node.context().isDown(honestLink), "the honest link stays up");
    }

    /**
     * Writes {@code [second half of frame n][first half of frame n+1]} per tick, so one frame is
     * always half sent. {@link #stop} completes the half-sent frame and returns how many frames
     * were completed in all.
     */
    private static final class HalfFrameSender {
        private final OutputStream out;
        private int started;
        private boolean stopped;

        HalfFrameSender(OutputStream out) {
            this.out = out;
        }

        synchronized void tick() {
            if (stopped) {
                return;
            }
            byte[] next = wire(numbered(started, FRAME));
            byte[] bytes = started == 0 ? new byte[0] : secondHalf(started - 1);
            bytes = concat(bytes, Arrays.copyOf(next, next.length / 2));
            started++;
            write(bytes);
        }

        synchronized int stop() {
            stopped = true;
            if (started > 0) {
                write(secondHalf(started - 1));
            }
            return started;
        }

        private static byte[] secondHalf(int n) {
            byte[] w = wire(numbered(n, FRAME));
            return Arrays.copyOfRange(w, w.length / 2, w.length);
        }

        private void write(byte[] bytes) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new IllegalStateException("the honest peer's link failed", e);
            }
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] r = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, r, a.length, b.length);
            return r;
        }
    }
}
