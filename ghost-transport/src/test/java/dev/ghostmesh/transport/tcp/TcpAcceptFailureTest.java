package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.spi.Link;
import dev.ghostmesh.testing.Await;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When {@code accept()} fails, as it does when the process is out of file descriptors, the
 * selector backs off instead of spinning on the pending connection, and links keep flowing.
 */
class TcpAcceptFailureTest extends TcpTestSupport {
    private static final int FAILURES_OBSERVED = 4;

    private final List<Long> failedAt = new CopyOnWriteArrayList<>();
    private volatile boolean outOfFiles;

    @Test
    void failingAcceptPausesAcceptingWhileLinksFlowAndRecoversWhenItWorksAgain()
            throws Exception {
        Node node = start(loopback().acceptCall(server -> {
            if (outOfFiles) {
                failedAt.add(System.nanoTime());
                throw new IOException("Too many open files");
            }
            return server.accept();
        }));
        Node other = start();
        Link honest = other.dial(node);
        Link honestIn = node.context().nextInboundLink(TIMEOUT);

        outOfFiles = true;
        Socket waiting = rawClient(node); // the kernel completes it; the node cannot accept it
        Await.until(TIMEOUT, () -> failedAt.size() >= FAILURES_OBSERVED,
                () -> failedAt.size() + " failed accepts");

        // Each retry comes at least one pause after the previous failure: a loop that spun on
        // the still-pending connection would have made thousands of attempts by now.
        long first = failedAt.get(0);
        long last = failedAt.get(FAILURES_OBSERVED - 1);
        assertTrue(last - first >= (FAILURES_OBSERVED - 1) * Acceptor.PAUSE_NANOS,
                FAILURES_OBSERVED + " failures within "
                        + TimeUnit.NANOSECONDS.toMillis(last - first) + " ms");

        // Meanwhile the loop serves the existing link in both directions.
        assertTrue(honest.send(new byte[] {1}));
        assertTrue(honestIn.send(new byte[] {2}));
        node.context().awaitFrames(honestIn, 1, TIMEOUT);
        other.context().awaitFrames(honest, 1, TIMEOUT);
        assertEquals(1, node.context().linksUp().size(), "nothing was accepted while failing");

        outOfFiles = false;
        Link recovered = node.context().nextInboundLink(TIMEOUT);
        writeFrame(waiting.getOutputStream(), new byte[] {3});
        assertArrayEquals(new byte[] {3},
                node.context().awaitFrames(recovered, 1, TIMEOUT).get(0));
        assertEquals(failedAt.size(), node.transport().failedAccepts());
        assertFalse(node.context().isDown(honestIn));
    }
}
