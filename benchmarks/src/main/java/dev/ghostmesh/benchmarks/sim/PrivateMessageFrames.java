package dev.ghostmesh.benchmarks.sim;

import dev.ghostmesh.Message;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.SecurityProfile;
import dev.ghostmesh.benchmarks.sim.DeliveryLog.Tally;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * What one private message costs on the wire: a seeded random mesh of real nodes on a
 * {@code LocalNetwork}, in virtual time ({@link VirtualTime}), waits until every node knows a
 * route to every other, then sends private messages ({@code MeshNode.sendPrivate}) between
 * random pairs one at a time, each until its receipt came back
 * ({@code MeshListener.onPrivateDelivered}) and the mesh is quiet again, and counts the frames
 * the nodes' transports received meanwhile. In the same mesh it sends broadcasts and counts
 * theirs, for comparison.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ghostmesh.benchmarks.sim.PrivateMessageFrames \
 *     --nodes 100 --degree 4 --messages 50 --broadcasts 5 --seed 1
 * </pre>
 *
 * <p>Virtual time keeps every other frame out of a message's window: announces are hourly and
 * keepalives after 30 minutes ({@link SimMesh}), and a window ends only when nothing is in flight
 * and nothing moved for a second of virtual time. The counts follow from the seed.
 *
 * <p>Exit status: 0 if every private message reached its target once and its receipt came back
 * and every broadcast reached every node, 1 if not, 2 if the mesh could not be set up.
 *
 * <p>Threading: {@link #run} drives every node from the calling thread.
 */
public final class PrivateMessageFrames {
    static final String USAGE = """
            usage: PrivateMessageFrames [--nodes N] [--degree D] [--messages M] [--broadcasts B]
                                        [--seed S] [--latency-ms L]
              defaults: 100 nodes, degree 4, 50 private messages, 5 broadcasts, seed 1, 10 ms
                        per frame (virtual time)""";

    /**
     * How long a private message may go without its receipt: past the library's receipt
     * timeout (30 s), which reports it undelivered.
     */
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** The topic every node subscribes to once the mesh is linked, to announce itself again. */
    private static final String ROUTES_TOPIC = "bench/routes";

    private PrivateMessageFrames() {}

    /** Runs once with the options in {@code args}; prints a table and a JSON line. */
    public static void main(String[] args) throws Exception {
        PrivateFramesResult result;
        try {
            result = run(parse(args), System.err);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(64);
            return;
        } catch (IllegalStateException e) {
            System.err.println("run failed: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.print(result.table());
        System.out.println(result.json());
        System.exit(result.allDelivered() ? 0 : 1);
    }

    /** The settings of a run: the mesh's, and how many private messages. */
    record Options(SimOptions mesh, int messages) {
        /** Checks the values. */
        Options {
            java.util.Objects.requireNonNull(mesh, "mesh");
            if (messages < 1 || !mesh.virtualTime() || mesh.latency().isZero()) {
                throw new IllegalArgumentException("need messages >= 1, in virtual time, with a"
                        + " latency");
            }
        }

        /**
         * Full presence (every node must know a route to every other), and a seen cache with
         * room for every announce, broadcast, private message and receipt of the run.
         */
        static Options of(int nodes, int degree, int messages, int broadcasts, long seed,
                Duration latency) {
            int packets = broadcasts + 4 * messages; // messages and receipts, retries included
            return new Options(new SimOptions(nodes, degree, broadcasts, seed, 0, 32,
                    SimOptions.defaultSeenCapacity(nodes, degree, 0, packets),
                    Duration.ofSeconds(600), Duration.ofSeconds(1), SecurityProfile.SECURE, true,
                    latency), messages);
        }
    }

    /** The options for {@code --name value} pairs. */
    static Options parse(String[] args) {
        int nodes = 100;
        int degree = 4;
        int messages = 50;
        int broadcasts = 5;
        long seed = 1;
        long latency = 10;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + args[i]);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--nodes" -> nodes = Integer.parseInt(value);
                case "--degree" -> degree = Integer.parseInt(value);
                case "--messages" -> messages = Integer.parseInt(value);
                case "--broadcasts" -> broadcasts = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--latency-ms" -> latency = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return Options.of(nodes, degree, messages, broadcasts, seed, Duration.ofMillis(latency));
    }

    /**
     * Builds the mesh, waits until every node has a route to every other, then sends the
     * private messages and the broadcasts one at a time and counts their frames; progress lines
     * go to {@code progress}.
     *
     * @throws IllegalStateException if the mesh cannot be linked or settled in time
     */
    static PrivateFramesResult run(Options options, PrintStream progress) throws Exception {
        long wallStart = System.nanoTime();
        SimOptions o = options.mesh();
        RandomMesh topology = RandomMesh.build(o.nodes(), o.degree(), o.seed());
        try (SimMesh mesh = new SimMesh(topology, o, progress)) {
            SimTime time = mesh.time();
            mesh.startAll();
            mesh.flushListeners();
            mesh.linkAll();
            mesh.awaitQuiet();
            reannounce(mesh, o.nodes());
            if (!time.runUntil(() -> routedNodes(mesh, o.nodes()) == o.nodes(),
                    time.nanoTime() + o.deadline().toNanos())) {
                throw new IllegalStateException("only " + routedNodes(mesh, o.nodes()) + " of "
                        + o.nodes() + " nodes know a route to every other");
            }
            long setupFrames = mesh.frames().framesReceived();
            progress.printf("%d nodes, %d links, every route known (%,d frames); sending%n",
                    o.nodes(), topology.links().size(), setupFrames);
            PrivateLog log = new PrivateLog(time::nanoTime);
            for (int i = 0; i < o.nodes(); i++) {
                mesh.node(i).addListener(log.listenerFor(i));
            }

            SplittableRandom pairs = new SplittableRandom(o.seed() ^ 0x9E37_79B9_7F4A_7C15L);
            List<PrivateFramesResult.Private> privates = new ArrayList<>();
            for (int k = 0; k < options.messages(); k++) {
                int from = pairs.nextInt(o.nodes());
                int to = pairs.nextInt(o.nodes() - 1);
                to = to >= from ? to + 1 : to;
                privates.add(sendPrivate(mesh, topology, log, "private " + k, from, to));
                PrivateFramesResult.Private p = privates.get(k);
                progress.printf("private %d n%d -> n%d (%d hops apart): %d frames%s%n", k, from,
                        to, p.distance(), p.frames(), p.receipted() ? "" : ", NO RECEIPT");
            }
            SplittableRandom origins = new SplittableRandom(o.seed());
            List<PrivateFramesResult.Broadcast> broadcasts = new ArrayList<>();
            List<Tally> tallies = new ArrayList<>();
            for (int b = 0; b < o.broadcasts(); b++) {
                int origin = origins.nextInt(o.nodes());
                Tally tally = mesh.deliveries().expect("broadcast " + b, origin,
                        mesh.node(origin).id());
                tallies.add(tally);
                broadcasts.add(broadcast(mesh, tally, o.deadline()));
                progress.printf("broadcast %d from n%d: %d frames%n", b, origin,
                        broadcasts.get(b).frames());
            }
            // Late copies would show now: every count must still be one.
            mesh.awaitQuiet();
            mesh.flushListeners();
            boolean exactlyOnce = log.exactlyOnce();
            for (Tally t : tallies) {
                for (int i = 0; i < t.copies.length(); i++) {
                    exactlyOnce &= t.copies.get(i) == (i == t.origin ? 0 : 1);
                }
            }
            double virtualSeconds = time instanceof VirtualTime v ? v.elapsed().toNanos() / 1e9
                    : Double.NaN;
            return new PrivateFramesResult(options, topology.links().size(), setupFrames,
                    privates, broadcasts, exactlyOnce, log.unexpected(), virtualSeconds,
                    (System.nanoTime() - wallStart) / 1e9);
        }
    }

    /**
     * Makes every node announce itself again now that every link is up, and waits until the
     * mesh is quiet. The mesh is linked one link at a time and the simulation's nodes announce
     * only hourly, so the copies of an announce that crossed the half-built mesh may have come a
     * long way round, or have spent their hop limit before reaching some nodes (a node passes
     * on, when it gains a link, only copies with a hop left). A node announces within 50 ms of
     * a change of its subscriptions; a fresh announce then floods over the whole mesh, and its
     * first copies travel the shortest paths. With the default 30 s interval the periodic
     * announce would do the same.
     */
    private static void reannounce(SimMesh mesh, int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            mesh.node(i).subscribe(ROUTES_TOPIC, delivery -> { });
        }
        mesh.awaitQuiet();
    }

    /** Nodes whose directory lists every other node as reachable. */
    private static int routedNodes(SimMesh mesh, int n) {
        int routed = 0;
        for (int i = 0; i < n; i++) {
            int reachable = 0;
            for (NodeInfo known : mesh.node(i).nodes()) {
                reachable += known.reachable() ? 1 : 0;
            }
            routed += reachable == n - 1 ? 1 : 0;
        }
        return routed;
    }

    /** Sends one private message and counts frames until its receipt, then until quiet. */
    private static PrivateFramesResult.Private sendPrivate(SimMesh mesh, RandomMesh topology,
            PrivateLog log, String text, int from, int to) throws Exception {
        SimTime time = mesh.time();
        long received = mesh.frames().framesReceived();
        long start = time.nanoTime();
        PrivateLog.Watch watch = log.expect(text, from, mesh.node(from).id(), to);
        CompletableFuture<Message> sent = mesh.node(from).sendPrivate(mesh.node(to).id(), text);
        // Ends with the receipt, the node's report that none came, or a refused send.
        time.runUntil(() -> watch.ended() || sent.isCompletedExceptionally(),
                start + DEADLINE.toNanos());
        long byReceipt = mesh.frames().framesReceived() - received;
        mesh.awaitQuiet();
        long frames = mesh.frames().framesReceived() - received;
        return new PrivateFramesResult.Private(from, to, topology.distancesFrom(from)[to],
                watch.hops(), byReceipt, frames, watch.receipted(),
                watch.receipted() ? (watch.receiptNanos() - start) / 1e6 : Double.NaN);
    }

    /** Sends one broadcast and counts its frames until the mesh is quiet again. */
    private static PrivateFramesResult.Broadcast broadcast(SimMesh mesh, Tally tally,
            Duration deadline) throws Exception {
        SimTime time = mesh.time();
        long received = mesh.frames().framesReceived();
        mesh.node(tally.origin).broadcast(tally.text);
        boolean all = time.runUntil(tally::allReached, time.nanoTime() + deadline.toNanos());
        mesh.awaitQuiet();
        return new PrivateFramesResult.Broadcast(tally.origin, tally.reached(), all,
                mesh.frames().framesReceived() - received);
    }
}
