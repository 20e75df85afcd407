package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.spi.Link;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A peer that never reads loses its link at the write-stall deadline; others never wait. */
class TcpStalledReaderTest extends TcpTestSupport {
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(1);
    private static final int QUEUE_BOUND = 64 * 1024;
    private static final int FRAME = 8 * 1024;
    private static final int MAX_FRAMES_IN_FLIGHT = 4;

    // Paces the honest traffic; its schedule is the behaviour under test, not a wait.
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopSender() throws InterruptedException {
        sender.shutdownNow();
        assertTrue(sender.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void peerThatNeverReadsIsClosedWhileAnotherLinkReceivesEveryFrame() throws Exception {
        Node node = start(loopback().maxQueuedBytesPerLink(QUEUE_BOUND)
                .writeStallTimeout(STALL_TIMEOUT));
        Node other = start();
        Socket stalled = track(new Socket());
        stalled.setReceiveBufferSize(4096); // before connecting, so the window stays small
        stalled.connect(new InetSocketAddress(LOOPBACK, node.port()));
        Link stalledLink = node.context().nextInboundLink(TIMEOUT);
        Link honest = node.dial(other);
        Link honestIn = other.context().nextInboundLink(TIMEOUT);

        long firstSend = System.nanoTime();
        int queued = fillUntilRejected(stalledLink);
        assertTrue(queued > 0);

        // The honest link gets a frame every 10 ms, at most a few in flight, until the stalled
        // link is gone; frames that arrive while it is still open show nobody waits for it.
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger deliveredWhileStalled = new AtomicInteger();
        sender.scheduleAtFixedRate(() -> {
            int delivered = other.context().frames(honestIn).size();
            if (!node.context().isDown(stalledLink)) {
                deliveredWhileStalled.set(delivered);
            }
            if (sent.get() - delivered < MAX_FRAMES_IN_FLIGHT) {
                if (honest.send(numbered(sent.get(), FRAME))) {
                    sent.incrementAndGet();
                } else {
                    rejected.incrementAndGet();
                }
            }
        }, 0, 10, TimeUnit.MILLISECONDS);

        Throwable cause = node.context().awaitLinkDown(stalledLink, TIMEOUT);
        long elapsed = System.nanoTime() - firstSend;
        assertInstanceOf(SocketTimeoutException.class, cause);
        assertTrue(cause.getMessage().startsWith("peer stopped reading: nothing written for 1 s"),
                cause.getMessage());
        assertTrue(elapsed >= STALL_TIMEOUT.toNanos(),
                "closed after " + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms, before the deadline");
        assertFalse(stalledLink.send(new byte[] {1}), "a closed link takes no frames");

        sender.shutdown();
        assertTrue(sender.awaitTermination(5, TimeUnit.SECONDS));
        int total = sent.get();
        assertTrue(deliveredWhileStalled.get() > 0,
                "no honest frame arrived while the stalled link was open");
        assertEquals(0, rejected.get(), "the honest link's queue never filled");
        List<byte[]> received = other.context().awaitFrames(honestIn, total, TIMEOUT);
        assertEquals(total, received.size(), "every frame sent, and nothing else");
        for (int i = 0; i < total; i++) {
            assertArrayEquals(numbered(i, FRAME), received.get(i), "honest frame " + i);
        }
        assertFalse(node.context().isDown(honest));
    }

    /**
     * Sends numbered frames until the queue stays full: a first refusal may only mean the
     * selector has not yet moved the queue into the kernel's buffers, so it keeps offering until
     * nothing was accepted for a while. Then the kernel's buffers toward the peer are full too.
     * Returns how many frames were queued.
     */
    private static int fillUntilRejected(Link link) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long quietNanos = TimeUnit.MILLISECONDS.toNanos(200);
        long lastAccepted = System.nanoTime();
        int n = 0;
        while (System.nanoTime() - lastAccepted < quietNanos) {
            if (link.send(numbered(n, FRAME))) {
                n++;
                lastAccepted = System.nanoTime();
            } else {
                Thread.sleep(1); // polling interval while the queue drains, not a wait
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the queue never stayed full; " + n + " frames sent");
            }
        }
        return n;
    }
}
