package dev.ghostmesh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.ConnectionInfo;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Links that keep themselves up, on any transport: re-dialing wanted addresses with backoff,
 * peer exchange below the target link count, and dialing what a discovery reports (only under
 * the id the handshake proves).
 *
 * <p>Threading: JUnit runs each test on one thread; the nodes run on their own loops.
 */
public abstract class ConnectivityScenarioTest extends MeshTestBase {
    private static final UnaryOperator<MeshNode.Builder> QUICK_RETRY =
            b -> b.reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(400));

    /** For subclasses, which say what the nodes run on ({@link #transports()}). */
    protected ConnectivityScenarioTest() {}

    private static ConnectionInfo.State stateOf(TestNode n, PeerAddress address) {
        return n.node().connections().stream().filter(c -> c.address().equals(address))
                .map(ConnectionInfo::state).findFirst().orElse(null);
    }

    @Test
    void aPeerThatRestartsAtTheSameAddressIsRedialedAndChatResumes() throws Exception {
        TestNode a = start("alice", QUICK_RETRY);
        TestNode b = start("bob");
        PeerAddress bob = addressOf(b);
        a.node().connect(bob).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> stateOf(a, bob) == ConnectionInfo.State.CONNECTED, "connected");

        b.node().close();
        Await.until(WAIT, () -> !hasPeer(a, b) && stateOf(a, bob) == ConnectionInfo.State.WAITING,
                () -> "alice to wait to re-dial; connections " + a.node().connections());
        assertTrue(a.node().connections().get(0).nextAttempt().isPresent());

        TestNode b2 = restart(b, x -> x);
        Await.until(WAIT, () -> hasPeer(a, b2), "alice to re-dial bob after his restart");
        assertEquals(b.node().id(), b2.node().id());
        a.node().broadcast("welcome back");
        Await.until(WAIT, () -> b2.count("welcome back") == 1, "chat to resume");
    }

    @Test
    void aPeerThatIsNotUpYetKeepsBeingTried() throws Exception {
        TestNode b = start("bob");
        PeerAddress bob = addressOf(b);
        b.node().close();
        TestNode a = start("alice", QUICK_RETRY);

        var first = a.node().connect(bob);
        var error = assertThrows(ExecutionException.class,
                () -> first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(error.getCause().getMessage().startsWith("cannot connect to " + bob),
                error.getCause().getMessage());
        Await.until(WAIT, () -> a.node().connections().get(0).attempts() >= 2,
                () -> "alice to keep trying; connections " + a.node().connections());
        assertTrue(a.node().connections().get(0).lastError().isPresent());

        TestNode b2 = restart(b, x -> x);
        Await.until(WAIT, () -> hasPeer(a, b2), "alice to reach bob once he is up");
        Await.until(WAIT, () -> stateOf(a, bob) == ConnectionInfo.State.CONNECTED, "connected");
        assertEquals(0, a.node().connections().get(0).attempts());
    }

    @Test
    void disconnectingAnAddressClosesTheLinkAndStopsReconnects() throws Exception {
        TestNode a = start("alice", QUICK_RETRY);
        TestNode b = start("bob");
        PeerAddress bob = addressOf(b);
        a.node().connect(bob).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(a.node().disconnect(bob).get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        Await.until(WAIT, () -> !hasPeer(a, b) && !hasPeer(b, a), "the link to close");
        assertTrue(a.node().connections().isEmpty());
        // Ten times the longest backoff without a re-dial.
        long until = System.nanoTime() + Duration.ofMillis(4000).toNanos();
        Await.until(WAIT, () -> hasPeer(a, b) || System.nanoTime() > until, "time to pass");
        assertFalse(hasPeer(a, b), "alice must not re-dial an address she disconnected");
    }

    @Test
    void belowItsTargetANodeDialsKnownNodesSoAChainBecomesAMesh() throws Exception {
        UnaryOperator<MeshNode.Builder> auto = x -> x.autoConnect(true).targetLinks(3);
        TestNode a = start("alice", auto);
        TestNode b = start("bob", auto);
        TestNode c = start("carol", auto);
        link(b, a);
        link(c, b);
        Await.until(WAIT, () -> hasPeer(a, c) && hasPeer(c, a),
                "alice and carol to link by themselves through peer exchange");

        b.node().close();
        a.node().broadcast("middle is gone");
        Await.until(WAIT, () -> c.count("middle is gone") == 1, "chat to flow without bob");
    }

    @Test
    void aFalseClaimAboutALinkedPeerCostsThatLinkNothing() throws Exception {
        ManualDiscovery lan = new ManualDiscovery();
        TestNode a = start("alice", x -> x.autoConnect(true).discovery(lan));
        TestNode b = start("bob");
        TestNode c = start("carol");
        link(c, a); // carol dials, so carol's address is not one alice keeps
        long invalid = a.node().status().invalidDropped();
        // "bob is at carol's address": alice dials carol expecting bob and must refuse before
        // proving herself, so carol never sees a second link that could displace the first.
        lan.found(addressOf(c), b.node().id());
        Await.until(WAIT, () -> a.node().status().invalidDropped() > invalid,
                "the false claim to be caught");
        a.node().broadcast("still here");
        Await.until(WAIT, () -> c.count("still here") == 1, "the good link to carry on");
        assertTrue(a.events().disconnected.isEmpty() && c.events().disconnected.isEmpty(),
                "the good link was never dropped");
    }

    @Test
    void aNodeDisconnectedByTheUserIsNotDialedAgainAutomatically() throws Exception {
        ManualDiscovery lan = new ManualDiscovery();
        TestNode a = start("alice", x -> x.autoConnect(true).targetLinks(3).discovery(lan));
        TestNode b = start("bob");
        lan.found(addressOf(b), b.node().id());
        Await.until(WAIT, () -> hasPeer(a, b), "discovery to link alice to bob");
        assertTrue(a.node().disconnectAndBlock(b.node().id()).get(WAIT.toMillis(),
                TimeUnit.MILLISECONDS));
        Await.until(WAIT, () -> !hasPeer(a, b), "the link to close");
        lan.found(addressOf(b), b.node().id()); // bob keeps beaconing
        long until = System.nanoTime() + Duration.ofMillis(4500).toNanos(); // two exchange ticks
        Await.until(WAIT, () -> hasPeer(a, b) || System.nanoTime() > until, "time to pass");
        assertFalse(hasPeer(a, b), "neither discovery nor peer exchange may undo a disconnect");
        // Nor may bob's own dialing: alice refuses him until she connects to him herself.
        var bobDials = b.node().connect(addressOf(a));
        assertThrows(ExecutionException.class,
                () -> bobDials.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertFalse(hasPeer(a, b));
        b.node().disconnect(addressOf(a)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        a.node().connect(addressOf(b)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(hasPeer(a, b), "an explicit connect still works");
    }

    @Test
    void discoveredPeersAreDialedOnlyUnderTheIdTheyProve() throws Exception {
        ManualDiscovery lan = new ManualDiscovery();
        TestNode a = start("alice", x -> x.autoConnect(true).targetLinks(1).discovery(lan));
        TestNode b = start("bob");
        TestNode c = start("carol");
        ManualDiscovery quietLan = new ManualDiscovery();
        TestNode quiet = start("quiet", x -> x.discovery(quietLan)); // auto-connect off

        // A beacon claiming carol's id at bob's address: the handshake proves bob, so no link.
        long invalid = a.node().status().invalidDropped();
        lan.found(addressOf(b), c.node().id());
        Await.until(WAIT, () -> a.node().status().invalidDropped() > invalid,
                "the false claim to be caught");
        assertFalse(hasPeer(a, b), "no link under a wrong id");
        assertFalse(hasPeer(a, c));

        lan.found(addressOf(c), c.node().id());
        Await.until(WAIT, () -> hasPeer(a, c), "alice to dial what discovery found");
        NodeId self = a.node().id();
        lan.found(addressOf(a), self); // its own beacon: ignored
        assertEquals(1, a.node().peers().size());

        // With auto-connect off, a discovered peer is not dialed.
        quietLan.found(addressOf(b), b.node().id());
        long until = System.nanoTime() + Duration.ofMillis(500).toNanos();
        Await.until(WAIT, () -> !quiet.node().peers().isEmpty() || System.nanoTime() > until,
                "time to pass");
        assertTrue(quiet.node().peers().isEmpty(), "auto-connect off: nothing is dialed");
    }
}
