package dev.ghostmesh.benchmarks.sim;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeStatus;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.local.LocalNetwork;
import dev.ghostmesh.local.LocalTransport;
import dev.ghostmesh.testing.CountingTransport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The running mesh of a simulation: one real {@link MeshNode} per node of a {@link RandomMesh},
 * all on one {@link LocalNetwork}, with their frames counted ({@link CountingTransport}) and their
 * listeners' deliveries logged ({@link DeliveryLog}).
 *
 * <p>The nodes run the library's real code paths (Noise handshakes, signing, verification, the
 * flood router). Settings differ from the defaults only where a default would make the run
 * measure something else, or not fit in one JVM:
 * <ul>
 *   <li>{@code autoConnect(false)}: the links are exactly the mesh's; auto-connect would add
 *       its own.</li>
 *   <li>announces every hour and keepalives after 30 minutes of silence, so that no periodic
 *       presence or PING frames fall into a broadcast's frame count. Presence is still real:
 *       every node announces itself to each new link, and announces flood.</li>
 *   <li>in real time, one listener thread shared by all nodes (a documented builder setting)
 *       instead of one per node; in virtual time the loop group runs the callbacks on the
 *       simulation's thread.</li>
 *   <li>a seen cache sized for the run ({@link SimOptions#seenCapacity}): the default
 *       131,072 ids take 4.7 MiB per node, 47 GB for 10,000 nodes.</li>
 *   <li>a two-minute handshake timeout: thousands of handshakes queue for two cores.</li>
 *   <li>optionally ({@link SimOptions#announceTtl}), announces that travel only a few hops:
 *       full presence costs every node a signature check and a directory entry per other
 *       node, O(N^2) for the mesh, which one JVM on two cores cannot carry for 10,000 nodes.
 *       Broadcasts are unaffected: they are relayed the same whether or not their origin is
 *       known.</li>
 * </ul>
 *
 * <p>The nodes run in the time the options ask for ({@link SimTime}): on the shared loop threads
 * in real time, or on one host-driven loop group over a manual clock in virtual time, where the
 * network's latency is virtual too.
 *
 * <p>Threading: the simulation's thread drives it; in real time the nodes run on the loop
 * threads, in virtual time on the simulation's thread, inside its waits.
 */
final class SimMesh implements AutoCloseable {
    private final RandomMesh topology;
    private final SimOptions options;
    private final SimTime time;
    private final LocalNetwork network;
    private final CountingTransport.Counts frames = new CountingTransport.Counts();
    private final DeliveryLog deliveries;
    private final MeshNode[] nodes;
    private final PrintStream progress;
    private final UnaryOperator<MeshNode.Builder> settings;

    SimMesh(RandomMesh topology, SimOptions options, PrintStream progress) {
        this(topology, options, progress, UnaryOperator.identity());
    }

    /** As above, with {@code settings} applied to every node's builder last. */
    SimMesh(RandomMesh topology, SimOptions options, PrintStream progress,
            UnaryOperator<MeshNode.Builder> settings) {
        this.settings = settings;
        this.topology = topology;
        this.options = options;
        this.progress = progress;
        this.time = SimTime.of(options);
        this.network = LocalNetwork.builder().latency(options.latency()).build();
        this.deliveries = new DeliveryLog(topology.nodes(), time::nanoTime);
        this.nodes = new MeshNode[topology.nodes()];
    }

    /** Builds and starts every node, with identities drawn from the seed. */
    void startAll() {
        SplittableRandom keys = new SplittableRandom(options.seed() ^ 0x5EED_1D5L);
        for (int i = 0; i < nodes.length; i++) {
            byte[] seed = new byte[Identity.SEED_LENGTH];
            for (int b = 0; b < seed.length; b++) {
                seed[b] = (byte) keys.nextInt(256);
            }
            MeshNode.Builder builder = time.configure(MeshNode.builder())
                    .identity(Identity.fromSeed(seed))
                    .username(name(i))
                    .transport(new CountingTransport(network.transport(name(i)), frames))
                    .autoConnect(false)
                    .announceInterval(Duration.ofHours(1))
                    .keepalive(Duration.ofMinutes(30), Duration.ofMinutes(60))
                    .handshakeTimeout(Duration.ofMinutes(2))
                    .seenCacheCapacity(options.seenCapacity())
                    .securityProfile(options.profile());
            if (options.announceTtl() > 0) {
                builder.announceTtl(options.announceTtl());
            }
            MeshNode node = settings.apply(builder).build();
            node.addListener(deliveries.listenerFor(i));
            node.start();
            nodes[i] = node;
            if ((i + 1) % 1000 == 0) {
                progress.printf("started %d/%d nodes%n", i + 1, nodes.length);
            }
        }
    }

    private static String name(int i) {
        return "n" + i;
    }

    private static PeerAddress address(int i) {
        return PeerAddress.local(name(i));
    }

    /**
     * Dials every link, at most {@link SimOptions#dialWindow} handshakes at once, then waits
     * until every node has all its peers.
     *
     * @throws IllegalStateException if that does not happen within the deadline
     */
    void linkAll() throws InterruptedException {
        long deadline = time.nanoTime() + options.deadline().toNanos();
        Semaphore window = new Semaphore(options.dialWindow());
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        int dialed = 0;
        for (int[] link : topology.links()) {
            if (!time.acquire(window, deadline)) {
                throw new IllegalStateException("linking timed out after " + dialed + " dials");
            }
            nodes[link[0]].connect(address(link[1])).whenComplete((peer, error) -> {
                if (error != null) {
                    failed.incrementAndGet(); // the node keeps re-dialing on its own
                }
                answered.incrementAndGet();
                window.release();
            });
            if (++dialed % 5000 == 0) {
                progress.printf("dialed %d/%d links%n", dialed, topology.links().size());
            }
        }
        int links = dialed;
        // Counting every node's peers is O(nodes); in virtual time the condition is checked
        // after every batch of tasks, so the cheap test goes first.
        if (!time.runUntil(() -> answered.get() == links && linkedNodes() == nodes.length,
                deadline)) {
            throw new IllegalStateException("after " + options.deadline().toSeconds()
                    + " s only " + linkedNodes() + " of " + nodes.length
                    + " nodes have all their links (" + failed.get() + " dials failed)");
        }
    }

    private int linkedNodes() {
        int linked = 0;
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i].peers().size() == topology.degree(i)) {
                linked++;
            }
        }
        return linked;
    }

    /** Counters summed over all nodes, and the frame counts: equal snapshots mean no progress. */
    record Activity(long sent, long received, long duplicates, long relayed, long delivered,
            long dropped) {
        /** Nothing in flight (no frame is lost on this network). */
        boolean idle() {
            return sent == received;
        }
    }

    Activity activity() {
        long duplicates = 0;
        long relayed = 0;
        long delivered = 0;
        long dropped = 0;
        for (MeshNode node : nodes) {
            NodeStatus s = node.status();
            duplicates += s.duplicatesDropped();
            relayed += s.packetsRelayed();
            delivered += s.messagesDelivered();
            dropped += s.invalidDropped() + s.replayedDropped() + s.staleDropped()
                    + s.sendDropped() + s.inboundDropped() + s.rateLimited();
        }
        return new Activity(frames.framesSent(), frames.framesReceived(), duplicates, relayed, delivered,
                dropped);
    }

    /** Each node's count of packets dropped as already seen. */
    long[] duplicatesPerNode() {
        long[] out = new long[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            out[i] = nodes[i].status().duplicatesDropped();
        }
        return out;
    }

    /**
     * Waits until no frame is in flight and no counter of any node has moved for the quiet
     * period; returns the instant that was seen ({@link SimTime.Still#atNanos}).
     *
     * @throws IllegalStateException if the mesh is still busy at the deadline
     */
    long awaitQuiet() throws InterruptedException {
        long deadline = time.nanoTime() + options.deadline().toNanos();
        SimTime.Still<Activity> still = time.awaitStill(this::activity, Activity::idle,
                options.quietPeriod(), deadline);
        if (!still.reached()) {
            throw new IllegalStateException("the mesh did not settle within "
                    + options.deadline().toSeconds() + " s: " + still.last());
        }
        return still.atNanos();
    }

    /** Waits until every listener event published so far has been handled. */
    void flushListeners() throws Exception {
        time.flushListeners(options.deadline());
    }

    SimTime time() {
        return time;
    }

    int size() {
        return nodes.length;
    }

    MeshNode node(int i) {
        return nodes[i];
    }

    CountingTransport.Counts frames() {
        return frames;
    }

    DeliveryLog deliveries() {
        return deliveries;
    }

    /**
     * Stops the network first, so the nodes' goodbyes go nowhere (each would otherwise flood
     * the whole mesh), then closes the nodes (in parallel in real time) and their time.
     */
    @Override
    public void close() {
        network.close();
        try {
            time.closeNodes(nodes);
        } finally {
            time.close();
        }
    }
}
