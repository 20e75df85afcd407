package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.spi.Link;
import java.io.DataInputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A peer that stops reading costs only its own frames. */
class TcpBackpressureTest extends TcpTestSupport {
    private static final int QUEUE_BOUND = 64 * 1024;
    private static final int FRAME = 8 * 1024;

    @Test
    void fullQueueRejectsSendsButKeepsTheLinkOpenAndOtherLinksFlowing() throws Exception {
        Node node = start(loopback().maxQueuedBytesPerLink(QUEUE_BOUND));
        Node other = start();
        ServerSocket sink = rawServer(50, 4096);
        Link slow = node.dial(addressOf(sink));
        Socket stalled = track(sink.accept()); // never reads until the end of the test

        int accepted = fillUntilRejected(slow);
        assertTrue(accepted > 0);
        // Once rejected, the queue stays full: nothing drains while the peer does not read.
        for (int i = 0; i < 10; i++) {
            assertFalse(slow.send(numbered(-1, FRAME)), "send on a full queue");
        }

        Link fast = node.dial(other);
        Link fastIn = other.context().nextInboundLink(TIMEOUT);
        // Half a queue per round: the sender frees queue space just after its write call
        // returns, so the previous round's frames may still count for a moment.
        int perRound = QUEUE_BOUND / (FRAME + 4) / 2;
        for (int round = 1; round <= 20; round++) {
            for (int i = 0; i < perRound; i++) {
                assertTrue(fast.send(numbered(i, FRAME)), "other links are unaffected");
            }
            other.context().awaitFrames(fastIn, round * perRound, TIMEOUT);
        }
        assertTrue(fastIn.send(new byte[] {1}));
        node.context().awaitFrames(fast, 1, TIMEOUT);
        assertFalse(node.context().isDown(slow), "a full queue does not close the link");

        // When the peer finally reads, it gets exactly the accepted frames, in order: the
        // rejected ones were never queued.
        DataInputStream in = new DataInputStream(stalled.getInputStream());
        for (int i = 0; i < accepted; i++) {
            assertArrayEquals(numbered(i, FRAME), readFrame(in), "frame " + i);
        }
        assertTrue(slow.send(numbered(accepted, FRAME)), "space is free again");
        assertArrayEquals(numbered(accepted, FRAME), readFrame(in));
        assertEquals(0, in.available(), "nothing rejected was sent");
    }

    /**
     * Sends numbered frames until the queue stays full: a first refusal may only mean the
     * selector has not yet moved the queue into the kernel's buffers, so it keeps offering until
     * nothing was accepted for a while. Returns how many frames were accepted.
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
                Thread.sleep(1);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the queue never stayed full; " + n + " frames sent");
            }
        }
        return n;
    }
}
