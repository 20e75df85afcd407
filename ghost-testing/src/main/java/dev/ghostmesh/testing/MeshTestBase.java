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
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Infrastructure for tests that run whole meshes on any transport: starting named nodes with a
 * recording listener, linking them, waiting for announces to spread. Nodes are closed after each
 * test; a listener on the wrong thread, an internal node error or an exception escaping a
 * background thread fails it.
 *
 * <p>A subclass says what the nodes run on by implementing {@link #transports()}; the nodes get
 * their transports wrapped in a {@link CountingTransport}.
 *
 * <p>Threading: JUnit calls the test and lifecycle methods on one thread, and so do the helpers
 * here; the nodes run on their own loops and call listeners on their callback threads.
 */
public abstract class MeshTestBase {
    /** How long any one expected event may take. */
    protected static final Duration WAIT = Duration.ofSeconds(10);

    /** A running node under test with its recorded events. */
    protected record TestNode(String name, MeshNode node, CountingTransport transport,
            RecordingListener events) {
        /** How many messages with exactly {@code text} this node was shown. */
        public long count(String text) {
            return events.count(text);
        }
    }

    private final List<TestNode> started = new ArrayList<>();
    private final List<Transport> rawTransports = new ArrayList<>();
    private UncaughtExceptions uncaught;

    /** For subclasses, which say what the nodes run on. */
    protected MeshTestBase() {}

    @BeforeEach
    void recordUncaughtExceptions() {
        uncaught = UncaughtExceptions.install();
    }

    private final MeshTransports transports = transports();

    /** The transports this test's nodes run on; called once per test instance. */
    protected abstract MeshTransports transports();

    /** Where other nodes reach a started transport. */
    protected PeerAddress addressOf(Transport transport) {
        return transports.addressOf(transport);
    }

    /**
     * A transport of this test's kind for a scripted endpoint (not a node), closed after the
     * test; the caller starts it with its own {@code TransportContext}.
     */
    protected Transport rawTransport(String name) {
        Transport t = transports.newTransport(name);
        rawTransports.add(t);
        return t;
    }

    /** Starts a node called {@code name} with the defaults (auto-connect off). */
    protected TestNode start(String name, MeshListener... extraListeners) {
        return start(name, b -> b, extraListeners);
    }

    /**
     * Starts a node whose builder {@code customize} may change (e.g. a short announce interval).
     * Auto-connect is off unless {@code customize} turns it on: most tests need the exact
     * topology they build.
     */
    protected TestNode start(String name, UnaryOperator<MeshNode.Builder> customize,
            MeshListener... extraListeners) {
        CountingTransport transport = new CountingTransport(transports.newTransport(name));
        MeshNode node = customize.apply(MeshNode.builder().username(name).transport(transport)
                .autoConnect(false)).build();
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

    /**
     * Starts {@code old}'s node again (same identity, same address) after it was closed; the
     * new node replaces the old in cleanup.
     */
    protected TestNode restart(TestNode old, UnaryOperator<MeshNode.Builder> customize) {
        CountingTransport transport = new CountingTransport(
                transports.restartedAt(old.name(), old.transport().delegate()));
        MeshNode node = customize.apply(MeshNode.builder().username(old.name())
                .identity(old.node().identity()).transport(transport).autoConnect(false))
                .build();
        RecordingListener events = new RecordingListener();
        node.addListener(events);
        node.start();
        TestNode t = new TestNode(old.name(), node, transport, events);
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

    /** Where other nodes reach {@code node}. */
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

    /** True if {@code of} has a ready link to {@code peer}. */
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
        rawTransports.forEach(Transport::close);
        rawTransports.clear();
        transports.close();
        try (UncaughtExceptions u = uncaught) {
            u.assertNone();
        }
        assertTrue(problems.isEmpty(), () -> "background problems: " + problems);
    }

    /** The one message with {@code text} that {@code node} received; fails unless exactly one. */
    protected static Message only(TestNode node, String text) {
        List<Message> matching = node.events().messages.stream()
                .filter(m -> m.text().equals(text)).toList();
        assertEquals(1, matching.size(), () -> node.name() + " got " + node.events().texts());
        return matching.get(0);
    }

    /** Asserts that {@code m} is a broadcast by {@code sender} that came {@code hops} hops. */
    protected static void assertBroadcastFrom(TestNode sender, Message m, int hops) {
        assertEquals(MessageKind.BROADCAST, m.kind());
        assertEquals(sender.node().id(), m.sender());
        assertEquals(sender.name(), m.senderName());
        assertEquals(hops, m.hops());
    }
}

