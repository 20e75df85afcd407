package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ghostmesh.LoopGroup;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.testing.CountingTransport;
import dev.ghostmesh.testing.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * A mesh in virtual time: nodes on a host-driven loop group over a {@link ManualClock}, linked by
 * a {@link LocalNetwork}, all run by the test's own thread. Nothing happens between calls; each
 * {@link #runUntil} runs every node's work in order and jumps the clock from one timer to the
 * next, so a timeout of minutes takes milliseconds and fires at exactly the same virtual instant
 * in every run, however loaded the machine.
 *
 * <p>Threading: confined to the test thread (listener callbacks run there too, inside the run).
 */
final class VirtualMesh implements AutoCloseable {
    /** Virtual time any one step may take before the test fails. */
    public static final Duration LIMIT = Duration.ofHours(1);

    /** A node of the mesh with its recorded events and its transport's frame count. */
    public record Node(String name, MeshNode node, RecordingListener events,
            CountingTransport transport) {
        public long count(String text) {
            return events.count(text);
        }

        public PeerAddress address() {
            return PeerAddress.local(name);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final LoopGroup loops = LoopGroup.hostDriven(clock);
    private final LocalNetwork network;
    private final List<Node> nodes = new ArrayList<>();

    public VirtualMesh() {
        this(LocalNetwork.create());
    }

    public VirtualMesh(LocalNetwork network) {
        this.network = network;
    }

    public ManualClock clock() {
        return clock;
    }

    public LocalNetwork network() {
        return network;
    }

    /** Virtual time since the mesh was made. */
    public Duration now() {
        return clock.elapsed();
    }

    /** Builds and starts a node named {@code name}; auto-connect off unless turned on. */
    public Node start(String name, UnaryOperator<MeshNode.Builder> customize) {
        CountingTransport transport = new CountingTransport(network.transport(name));
        MeshNode node = customize.apply(MeshNode.builder().username(name).loops(loops)
                .transport(transport).autoConnect(false)
                .parallelVerification(false)).build();
        RecordingListener events = new RecordingListener();
        node.addListener(events);
        node.start();
        Node n = new Node(name, node, events, transport);
        nodes.add(n);
        return n;
    }

    /** Runs the mesh until {@code condition} holds; fails after {@link #LIMIT} virtual time. */
    public void runUntil(BooleanSupplier condition, String description) {
        if (!loops.runUntil(condition, LIMIT)) {
            fail("not within " + LIMIT + " of virtual time: " + description);
        }
    }

    /** Runs the mesh for {@code duration} of virtual time. */
    public void runFor(Duration duration) {
        loops.runFor(duration);
    }

    /** Runs the mesh until {@code future} completes, and returns its value. */
    public <T> T await(CompletableFuture<T> future) throws ExecutionException {
        runUntil(future::isDone, "a future to complete");
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code a} dials {@code b}; runs until both list the other as a peer. */
    public void link(Node a, Node b) throws ExecutionException {
        PeerInfo peer = await(a.node().connect(b.address()));
        assertTrue(peer.id().equals(b.node().id()), "dialed node proved another id");
        runUntil(() -> linked(a, b) && linked(b, a), a.name() + " and " + b.name() + " linked");
    }

    /** True if {@code of} has {@code peer} as a ready link. */
    public static boolean linked(Node of, Node peer) {
        return of.node().peers().stream().anyMatch(p -> p.id().equals(peer.node().id()));
    }

    /** Closes the nodes (running their goodbyes), the group and the network. */
    @Override
    public void close() {
        for (Node n : nodes) {
            n.node().close();
            loops.poll();
        }
        loops.close();
        network.close();
        for (Node n : nodes) {
            assertTrue(n.events().threadViolations.isEmpty(), n.events().threadViolations::toString);
            assertEquals(0, n.node().status().internalErrors(), n.name() + " had internal errors");
        }
    }
}
