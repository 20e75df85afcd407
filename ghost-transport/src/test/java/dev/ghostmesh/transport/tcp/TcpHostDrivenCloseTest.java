package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.LoopGroup;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.spi.MeshClock;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.RecordingListener;
import dev.ghostmesh.testing.UncaughtExceptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closing a node on a host-driven loop group, from the host's thread, with a TCP link up: nobody
 * else runs that node's loop, so close must run it itself until the link has flushed and closed,
 * and return then, not when the close flush timeout runs out.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TcpHostDrivenCloseTest {
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int LAST_MESSAGES = 5;

    private final UncaughtExceptions uncaught = UncaughtExceptions.install();
    private final LoopGroup host = LoopGroup.hostDriven(MeshClock.system());
    private final LoopGroup peerLoops = LoopGroup.threads(1, MeshClock.system());
    private final List<MeshNode> nodes = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        try (uncaught; host; peerLoops) {
            nodes.forEach(MeshNode::close);
            uncaught.assertNone();
        }
    }

    private MeshNode node(String name, LoopGroup loops) {
        MeshNode n = MeshNode.builder().username(name).loops(loops)
                .transport(TcpTransport.builder().port(0).bindAddress("127.0.0.1")
                        .closeFlushTimeout(FLUSH_TIMEOUT).build())
                .build();
        nodes.add(n);
        n.start();
        return n;
    }

    /** The host's loop: polls until {@code done}, idling a millisecond when nothing ran. */
    private void pollUntil(BooleanSupplier done, String what) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
            if (host.poll() == 0) {
                LockSupport.parkNanos(1_000_000); // a game's idle tick, not a wait for a result
            }
        }
    }

    @Test
    void closeRunsTheLoopUntilTheLinkHasFlushedAndReturnsWellBeforeTheFlushTimeout() {
        MeshNode bob = node("bob", peerLoops);
        RecordingListener bobHeard = new RecordingListener();
        bob.addListener(bobHeard);
        MeshNode alice = node("alice", host);
        CompletableFuture<PeerInfo> linked = alice.connect(bob.status().listening().get(0));
        pollUntil(() -> linked.isDone() && !bob.peers().isEmpty()
                && bob.nodes().stream().anyMatch(n -> n.id().equals(alice.id())),
                "alice and bob to link and know each other");
        assertTrue(!linked.isCompletedExceptionally(), "connected");

        for (int i = 0; i < LAST_MESSAGES; i++) {
            alice.broadcast("last " + i);
        }
        // Runs the broadcasts, which queue their frames on the link; the write they ask for is
        // left queued on the loop, so only a close that runs the loop sends them.
        long sentBefore = alice.status().messagesSent();
        pollUntil(() -> alice.status().messagesSent() >= sentBefore + LAST_MESSAGES, "the broadcasts");

        long t0 = System.nanoTime();
        alice.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.printf("host-driven close with a TCP link took %d ms (flush timeout %d ms)%n",
                millis, FLUSH_TIMEOUT.toMillis());
        assertTrue(millis < 2000, "close took " + millis + " ms");

        Await.until(WAIT, () -> bobHeard.messages.stream().map(Message::text)
                .filter(t -> t.startsWith("last ")).count() == LAST_MESSAGES,
                () -> "bob to get the last messages: " + bobHeard.messages);
        Await.until(WAIT, () -> bobHeard.leftReasons.contains("said goodbye"),
                () -> "bob to get alice's goodbye: " + bobHeard.leftReasons);
        Await.until(WAIT, () -> bob.peers().isEmpty(), "bob to see the link close");
    }
}
