package dev.ghostmesh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.spi.PeerAddress;
import dev.ghostmesh.spi.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mesh behaviour every transport must support, run against the in-memory and the TCP transport:
 * each test builds a small topology, sends, and checks delivery counts and counters. Nodes are
 * closed after each test; a listener on the wrong thread or an internal node error fails it.
 */
public abstract class MeshScenarioTest {
    protected static final Duration WAIT = Duration.ofSeconds(10);

    /** A running node under test with its recorded events. */
    protected record TestNode(String name, MeshNode node, CountingTransport transport,
            RecordingListener events) {
        public long count(String text) {
            return events.count(text);
        }
    }

    private final List<TestNode> started = new ArrayList<>();
    private UncaughtExceptions uncaught;

    @BeforeEach
    void recordUncaughtExceptions() {
        uncaught = UncaughtExceptions.install();
    }

    /** A new, not started transport for a node called {@code name}. */
    protected abstract Transport newTransport(String name);

    /** Where other nodes reach a started transport. */
    protected abstract PeerAddress addressOf(Transport transport);

    protected TestNode start(String name, MeshListener... extraListeners) {
        CountingTransport transport = new CountingTransport(newTransport(name));
        MeshNode node = MeshNode.builder().username(name).transport(transport).build();
        for (MeshListener extra : extraListeners) {
            node.addListener(extra);
        }
        RecordingListener events = new RecordingListener();
        node.addListener(events);
        node.start();
        TestNode t = new TestNode(name, node, transport, events);
        started.add(t);
        return t;
    }

    /** Starts nodes and links each to the previous one (each dials its predecessor). */
    protected TestNode[] chain(String... names) throws Exception {
        TestNode[] nodes = new TestNode[names.length];
        for (int i = 0; i < names.length; i++) {
            nodes[i] = start(names[i]);
            if (i > 0) {
                link(nodes[i], nodes[i - 1]);
            }
        }
        awaitFullDirectory(nodes);
        return nodes;
    }

    protected PeerAddress addressOf(TestNode node) {
        return addressOf(node.transport().delegate());
    }

    /** Links {@code a} to {@code b} (a dials) and waits until both see the other. */
    protected void link(TestNode a, TestNode b) throws Exception {
        PeerInfo peer = a.node().connect(addressOf(b)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(b.node().id(), peer.id(), "dialed node proved another id");
        Await.until(WAIT, () -> hasPeer(b, a) && hasPeer(a, b),
                () -> a.name() + " and " + b.name() + " to see each other");
    }

    protected static boolean hasPeer(TestNode of, TestNode peer) {
        return of.node().peers().stream().anyMatch(p -> p.id().equals(peer.node().id()));
    }

    /** Waits until every node knows every other node (announces have spread). */
    protected static void awaitFullDirectory(TestNode... nodes) {
        for (TestNode n : nodes) {
            Await.until(WAIT, () -> n.node().nodes().size() == nodes.length - 1,
                    () -> n.name() + " to know " + (nodes.length - 1) + " nodes, knows "
                            + n.node().nodes());
        }
    }

    /**
     * Broadcasts a fresh marker from {@code from} and waits until every other node got it, so
     * that any duplicate of an earlier message on the same paths has had time to arrive.
     */
    protected static void settle(TestNode from, TestNode... others) throws Exception {
        String marker = "settle-" + System.nanoTime();
        from.node().broadcast(marker).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        for (TestNode o : others) {
            Await.until(WAIT, () -> o.count(marker) >= 1, () -> o.name() + " to get " + marker);
        }
    }

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

    @AfterEach
    void closeNodesAndCheckThreads() {
        List<String> problems = new ArrayList<>();
        for (TestNode t : started) {
            problems.addAll(t.events().threadViolations);
            long internal = t.node().status().internalErrors();
            if (internal != 0) {
                problems.add(t.name() + " had " + internal + " internal errors");
            }
        }
        started.forEach(t -> t.node().close());
        started.clear();
        try (UncaughtExceptions u = uncaught) {
            u.assertNone();
        }
        assertTrue(problems.isEmpty(), () -> "background problems: " + problems);
    }

    protected static Message only(TestNode node, String text) {
        List<Message> matching = node.events().messages.stream()
                .filter(m -> m.text().equals(text)).toList();
        assertEquals(1, matching.size(), () -> node.name() + " got " + node.events().texts());
        return matching.get(0);
    }

    protected static void assertBroadcastFrom(TestNode sender, Message m, int hops) {
        assertEquals(MessageKind.BROADCAST, m.kind());
        assertEquals(sender.node().id(), m.sender());
        assertEquals(sender.name(), m.senderName());
        assertEquals(hops, m.hops());
    }
}
