package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTestBase;
import dev.ghostmesh.testing.MeshTransports;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The directory's routes follow the links at once: closing a link moves every node reached
 * through it to its next route, or makes it unreachable, without waiting for an announce or for
 * the node to be forgotten. Announces go out every 30 s (the default) here, and every wait is far
 * shorter, so no new announce can be what changed a route.
 */
class RouteOnLinkCloseTest extends MeshTestBase {
    /** Far below the 30 s announce interval, and below the 90 s silence expiry. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @Override
    protected MeshTransports transports() {
        return new LocalMeshTransports();
    }

    @Test
    void aDirectPeerStillReachableThroughAnotherLinkShowsThatRoute() throws Exception {
        TestNode a = start("ra");
        TestNode b = start("rb");
        TestNode c = start("rc");
        link(a, b);
        link(b, c);
        link(a, c);
        awaitFullDirectory(a, b, c);
        settle(c, a); // the copies of bob's announce that carol relayed have reached alice
        assertTrue(info(a, b).direct());

        a.node().disconnectAndBlock(b.node().id()).get(5, TimeUnit.SECONDS);
        Await.until(PROMPTLY, () -> !info(a, b).direct(),
                () -> "alice to stop calling bob direct: " + info(a, b));
        NodeInfo bob = info(a, b);
        assertEquals(2, bob.hops(), "bob is 2 hops away now: " + bob);
        assertEquals(Optional.of(c.node().id()), bob.via(), "through carol");
        assertTrue(bob.reachable());
        assertTrue(info(a, c).direct(), "carol's route is untouched");
    }

    @Test
    void nodesReachedOnlyThroughAClosedLinkBecomeUnreachableAndComeBackWithTheLink()
            throws Exception {
        TestNode[] n = chain("ua", "ub", "ud"); // ub dials ua, ud dials ub
        TestNode a = n[0];
        TestNode b = n[1];
        TestNode d = n[2];
        assertEquals(2, info(a, d).hops());
        assertEquals(Optional.of(b.node().id()), info(a, d).via());

        // By address: bob stops re-dialing alice but would still let her link again.
        b.node().disconnect(addressOf(a)).get(5, TimeUnit.SECONDS);
        Await.until(PROMPTLY, () -> !info(a, b).reachable() && !info(a, d).reachable(),
                () -> "alice to see bob and dave unreachable: " + a.node().nodes());
        for (NodeInfo gone : a.node().nodes()) {
            assertEquals(0, gone.hops(), gone.toString());
            assertFalse(gone.direct(), gone.toString());
            assertEquals(Optional.empty(), gone.via(), gone.toString());
        }
        assertTrue(a.events().leftReasons.isEmpty(),
                "known until forgotten for silence, as before: " + a.events().leftReasons);

        // The link comes back: bob's snapshot re-sends dave's announce, one more route to dave.
        link(b, a);
        Await.until(PROMPTLY, () -> info(a, b).direct() && info(a, d).reachable(),
                () -> "alice to reach both again: " + a.node().nodes());
        assertEquals(2, info(a, d).hops());
        assertEquals(Optional.of(b.node().id()), info(a, d).via());
    }

    @Test
    void unreachableNodesAreListedAfterReachableOnes() throws Exception {
        TestNode a = start("sa");
        TestNode b = start("sb");
        TestNode c = start("sc");
        link(a, b);
        link(a, c);
        Await.until(WAIT, () -> a.node().nodes().size() == 2, "alice to know bob and carol");
        a.node().disconnectAndBlock(b.node().id()).get(5, TimeUnit.SECONDS);
        Await.until(PROMPTLY, () -> !info(a, b).reachable(), "bob to become unreachable");
        List<NodeInfo> nodes = a.node().nodes();
        assertEquals(List.of(c.node().id(), b.node().id()),
                nodes.stream().map(NodeInfo::id).toList(), "nearest first, unreachable last");
    }

    @Test
    void anUnreachableNodeIsForgottenLikeAnySilentOne() throws Exception {
        Duration interval = Duration.ofMillis(200);
        TestNode a = start("fa", b -> b.announceInterval(interval));
        TestNode b = start("fb", x -> x.announceInterval(interval));
        link(a, b);
        awaitFullDirectory(a, b);
        a.node().disconnectAndBlock(b.node().id()).get(5, TimeUnit.SECONDS);
        Await.until(PROMPTLY, () -> a.node().nodes().isEmpty()
                || !a.node().nodes().get(0).reachable(), "bob to become unreachable");
        // The event reaches listeners after the directory snapshot changed: wait for it.
        Await.until(WAIT, () -> !a.events().leftReasons.isEmpty(), "alice to forget bob");
        assertEquals(List.of(), a.node().nodes());
        assertEquals(List.of("not heard from for 600 ms"), a.events().leftReasons);
    }

    private static NodeInfo info(TestNode at, TestNode of) {
        return at.node().nodes().stream().filter(x -> x.id().equals(of.node().id()))
                .findFirst().orElseThrow(() -> new AssertionError(
                        at.name() + " does not know " + of.name() + ": " + at.node().nodes()));
    }
}
