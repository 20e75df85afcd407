package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.MeshNode;
import dev.ghostmesh.local.VirtualMesh.Node;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Keepalive in virtual time: idle links stay up; a link whose peer falls silent is closed once
 * the timeout has passed and not before, then re-dialed after the backoff.
 */
class LivenessTest {
    private static final Duration KEEPALIVE = Duration.ofSeconds(4);
    private static final Duration TIMEOUT = Duration.ofSeconds(12);
    /** The liveness check runs every keepalive / 4. */
    private static final Duration CHECK = KEEPALIVE.dividedBy(4);
    private static final UnaryOperator<MeshNode.Builder> LIVENESS = b -> b
            .keepalive(KEEPALIVE, TIMEOUT)
            .reconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2));

    @Test
    void idleLinksAreKeptAliveByPingsForAnHour() throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            Node a = mesh.start("la", LIVENESS);
            Node b = mesh.start("lb", LIVENESS);
            mesh.link(a, b);
            mesh.runFor(Duration.ofHours(1)); // 300 timeouts, and not a message sent
            assertTrue(VirtualMesh.linked(a, b) && VirtualMesh.linked(b, a),
                    "an idle but healthy link must stay up");
            assertTrue(a.events().disconnected.isEmpty() && b.events().disconnected.isEmpty());
        }
    }

    @Test
    void aPeerCutOffWithoutACloseIsNoticedAfterTheTimeoutAndRedialedWhenTheNetworkReturns()
            throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            Node a = mesh.start("ca", LIVENESS);
            Node b = mesh.start("cb", LIVENESS);
            mesh.link(a, b);
            mesh.runFor(Duration.ofMinutes(1));

            Duration cutAt = mesh.now();
            mesh.network().cut("ca", "cb");
            mesh.runUntil(() -> !VirtualMesh.linked(a, b) && !VirtualMesh.linked(b, a),
                    "both ends to notice");
            Duration noticed = mesh.now().minus(cutAt);
            // The last frame arrived at most one keepalive before the cut; the check runs
            // every CHECK. So: no sooner than TIMEOUT - KEEPALIVE, no later than TIMEOUT + CHECK.
            assertTrue(noticed.compareTo(TIMEOUT.minus(KEEPALIVE)) >= 0
                    && noticed.compareTo(TIMEOUT.plus(CHECK)) <= 0, "noticed after " + noticed);
            mesh.runUntil(() -> a.events().disconnected.size() == 1, "the disconnect event");

            mesh.network().heal("ca", "cb");
            Duration healedAt = mesh.now();
            mesh.runUntil(() -> VirtualMesh.linked(a, b), "alice to re-dial");
            Duration back = mesh.now().minus(healedAt);
            assertTrue(back.compareTo(Duration.ofMillis(2400)) < 0,
                    "re-dialed within the 2 s backoff cap (+20 % jitter): " + back);
            mesh.await(a.node().broadcast("back"));
            mesh.runUntil(() -> b.count("back") == 1, "chat to resume");
            assertEquals(2, a.events().connected.size());
        }
    }

    @Test
    void aLinkThatNeverFinishesItsHandshakeIsClosedAtTheHandshakeTimeout() throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            Node a = mesh.start("ha", b -> b.handshakeTimeout(Duration.ofSeconds(5)));
            Node b = mesh.start("hb", UnaryOperator.identity());
            mesh.network().cut("ha", "hb"); // the link opens, but no handshake frame arrives
            var dial = a.node().connect(b.address());
            Duration dialedAt = mesh.now();
            mesh.runUntil(dial::isDone, "the dial to give up");
            assertTrue(dial.isCompletedExceptionally());
            assertEquals(Duration.ofSeconds(5), mesh.now().minus(dialedAt),
                    "closed at the handshake timeout exactly, in virtual time");
        }
    }
}
