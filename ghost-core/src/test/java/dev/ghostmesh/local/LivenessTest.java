package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.MeshNode;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTestBase;
import dev.ghostmesh.testing.MeshTransports;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Keepalive: idle links stay up; a link whose peer falls silent is closed, then re-dialed. */
class LivenessTest extends MeshTestBase {
    private static final UnaryOperator<MeshNode.Builder> FAST = b -> b
            .keepalive(Duration.ofMillis(100), Duration.ofMillis(300))
            .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(200));
    private LocalMeshTransports local;

    @Override
    protected MeshTransports transports() {
        local = new LocalMeshTransports();
        return local;
    }

    @Test
    void idleLinksAreKeptAliveByPings() throws Exception {
        TestNode a = start("la", FAST);
        TestNode b = start("lb", FAST);
        link(a, b);
        long until = System.nanoTime() + Duration.ofMillis(1500).toNanos(); // 5 timeouts
        Await.until(WAIT, () -> !hasPeer(a, b) || System.nanoTime() > until, "time to pass");
        assertTrue(hasPeer(a, b) && hasPeer(b, a), "an idle but healthy link must stay up");
        assertTrue(a.events().disconnected.isEmpty());
    }

    @Test
    void aPeerCutOffWithoutACloseIsNoticedAndRedialedWhenTheNetworkReturns()
            throws Exception {
        TestNode a = start("ca", FAST);
        TestNode b = start("cb", FAST);
        a.node().connect(addressOf(b)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> hasPeer(b, a), "bob to see alice");

        long cutAt = System.nanoTime();
        local.network().cut("ca", "cb");
        Await.until(WAIT, () -> !hasPeer(a, b) && !hasPeer(b, a), "both ends to notice");
        long noticedMillis = (System.nanoTime() - cutAt) / 1_000_000;
        System.out.printf("silent peer noticed after %d ms (timeout 300 ms)%n", noticedMillis);
        assertTrue(noticedMillis >= 250, "not before the timeout: " + noticedMillis + " ms");
        Await.until(WAIT, () -> a.events().disconnected.size() == 1, "one disconnect event");

        local.network().heal("ca", "cb");
        Await.until(WAIT, () -> hasPeer(a, b), "alice to re-dial once the network returns");
        a.node().broadcast("back");
        Await.until(WAIT, () -> b.count("back") == 1, "chat to resume");
        assertEquals(2, a.events().connected.size());
    }
}
