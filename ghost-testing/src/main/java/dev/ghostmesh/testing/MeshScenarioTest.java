package dev.ghostmesh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.spi.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Mesh behaviour every transport must support, run against the in-memory and the TCP transport:
 * each test builds a small topology, sends, and checks delivery counts and counters. Nodes are
 * closed after each test; a listener on the wrong thread or an internal node error fails it.
 *
 * <p>Threading: JUnit runs each test on one thread; the nodes run on their own loops.
 */
public abstract class MeshScenarioTest extends MeshTestBase {
    /** For subclasses, which say what the nodes run on ({@link #transports()}). */
    protected MeshScenarioTest() {}

    @Test
    void chainBroadcastReachesTheTailExactlyOnce() throws Exception {
        TestNode[] chain = chain("alice", "bob", "carol");
        TestNode a = chain[0];
        TestNode b = chain[1];
        TestNode c = chain[2];

        a.node().broadcast("hello chain").get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> c.count("hello chain") == 1, "carol to get the broadcast");
        settle(a, b, c);

        assertBroadcastFrom(a, only(c, "hello chain"), 2);
        assertBroadcastFrom(a, only(b, "hello chain"), 1);
        assertEquals(0, a.count("hello chain"), "own broadcast must not come back");
        assertTrue(b.node().status().packetsRelayed() >= 1, "bob relayed nothing");
    }

    @Test
    void triangleWithATailDeliversExactlyOnceEverywhere() throws Exception {
        TestNode a = start("alice");
        TestNode b = start("bob");
        TestNode c = start("carol");
        TestNode d = start("dave");
        link(a, b);
        link(b, c);
        link(c, a);
        link(d, c);
        awaitFullDirectory(a, b, c, d);

        for (int i = 0; i < 20; i++) {
            a.node().broadcast("tri " + i);
        }
        settle(a, b, c, d);
        for (TestNode n : List.of(b, c, d)) {
            for (int i = 0; i < 20; i++) {
                assertEquals(1, n.count("tri " + i), n.name() + " got " + n.events().texts());
            }
        }
        long dropped = b.node().status().duplicatesDropped() + c.node().status().duplicatesDropped();
        assertTrue(dropped > 0, "a triangle must make someone drop duplicates");
    }

    @Test
    void privateMessageIsShownOnlyAtItsTargetWhileTheMiddleRelaysIt() throws Exception {
        TestNode[] chain = chain("alice", "bob", "carol");
        TestNode a = chain[0];
        TestNode b = chain[1];
        TestNode c = chain[2];
        long relayedBefore = b.node().status().packetsRelayed();

        Message sent = a.node().sendPrivate(c.node().id(), "psst carol")
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> c.count("psst carol") == 1, "carol to get the private message");
        settle(a, b, c);

        Message got = only(c, "psst carol");
        assertEquals(MessageKind.PRIVATE, got.kind());
        assertEquals(a.node().id(), got.sender());
        assertEquals(c.node().id(), got.target().orElseThrow());
        assertEquals(sent.id(), got.id());
        assertEquals(0, b.count("psst carol"), "bob must not see carol's private message");
        assertEquals(0, a.count("psst carol"));
        assertTrue(b.node().status().packetsRelayed() > relayedBefore, "bob did not relay it");
        // Carol's sealed receipt comes back through bob: alice learns it was opened.
        Await.until(WAIT, () -> a.events().delivered.size() == 1, "alice to get the receipt");
        assertEquals(sent.id(), a.events().delivered.get(0).id());
        assertEquals(0, b.events().delivered.size() + c.events().delivered.size());
        assertEquals(0, c.count("psst carol") - 1, "a receipt is not shown as a message");
    }

    @Test
    void throwingListenerDoesNotStopTheOthers() throws Exception {
        MeshListener thrower = new MeshListener() {
            @Override
            public void onMessage(Message message) {
                throw new IllegalStateException("listener bug (expected by this test)");
            }
        };
        TestNode a = start("alice");
        TestNode b = start("bob", thrower);
        link(a, b);

        a.node().broadcast("one");
        a.node().broadcast("two");
        Await.until(WAIT, () -> b.count("two") == 1, "bob's second listener to get both");
        assertEquals(1, b.count("one"));
        assertEquals(2, b.node().status().listenerErrors());
    }

    @Test
    void lateJoinerLearnsEveryNodeAndGoodbyeRemovesOne() throws Exception {
        TestNode a = start("alice");
        TestNode b = start("bob");
        link(b, a);
        TestNode c = start("carol");
        link(c, b);
        awaitFullDirectory(a, b, c);
        assertEquals(2, c.node().nodes().stream().filter(n -> n.username().equals("alice"))
                .findFirst().orElseThrow().hops());

        a.node().close();
        Await.until(WAIT, () -> c.events().left.stream()
                .anyMatch(n -> n.id().equals(a.node().id())), "carol to see alice leave");
        Await.until(WAIT, () -> c.node().nodes().size() == 1, "carol to forget alice");
        Await.until(WAIT, () -> !hasPeer(b, a), "bob to drop the link to alice");
    }

    @Test
    void aRestartedNodesMessagesReachNodesThatRememberItsPreviousRun() throws Exception {
        TestNode a = start("alice");
        TestNode b = start("bob");
        TestNode c = start("carol");
        link(b, a);
        link(b, c);
        awaitFullDirectory(a, b, c);
        for (int i = 0; i < 5; i++) {
            c.node().broadcast("first run " + i);
        }
        Await.until(WAIT, () -> a.count("first run 4") == 1, "alice to hear carol's first run");

        c.node().close();
        Await.until(WAIT, () -> !hasPeer(b, c), "bob to see carol go");
        TestNode c2 = restart(c, x -> x); // same identity, same address
        link(b, c2);
        // Alice's and bob's replay windows still hold carol's first run: her new run must be
        // numbered above it, or every message below would be refused as a replay.
        for (int i = 0; i < 5; i++) {
            c2.node().broadcast("second run " + i);
        }
        settle(c2, a, b);
        for (TestNode n : List.of(a, b)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(1, n.count("second run " + i),
                        n.name() + " got " + n.events().texts());
            }
            assertEquals(0, n.node().status().replayedDropped(), n.name());
            assertEquals(0, n.node().status().staleDropped(), n.name());
        }
    }

    @Test
    void simultaneousDialsEndWithOneLink() throws Exception {
        TestNode a = start("alice");
        TestNode b = start("bob");
        var ab = a.node().connect(addressOf(b));
        var ba = b.node().connect(addressOf(a));
        assertEquals(b.node().id(), ab.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).id());
        assertEquals(a.node().id(), ba.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).id());
        Await.until(WAIT, () -> a.transport().openLinks() == 1 && b.transport().openLinks() == 1,
                () -> "one link each, have " + a.transport().openLinks() + "/"
                        + b.transport().openLinks());
        assertEquals(1, a.node().peers().size());
        assertEquals(1, b.node().peers().size());

        a.node().broadcast("after dedup");
        Await.until(WAIT, () -> b.count("after dedup") == 1, "bob to get the message");
    }

    @Test
    void connectingToItselfOrToNobodyFailsWithAReason() {
        TestNode a = start("alice");
        var self = a.node().connect(addressOf(a));
        var error = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class,
                () -> self.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(error.getCause().getMessage().contains("this node"), error.getMessage());
        assertTrue(a.node().peers().isEmpty());
    }
}
