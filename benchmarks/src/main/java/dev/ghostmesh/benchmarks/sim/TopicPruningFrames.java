package dev.ghostmesh.benchmarks.sim;

import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.SecurityProfile;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;

/**
 * Whether pruning topic floods pays off ({@code MeshNode.Builder.pruneTopics}): the same seeded
 * mesh of real nodes on a {@code LocalNetwork}, in virtual time, once flooding topic messages
 * and once pruning them, with topics that 1, 5, 20, ... of the nodes subscribe to. Each publish
 * comes from a random node that does not subscribe; the run counts the frames the transports
 * received until the mesh was quiet again, and how many subscribers got each message.
 *
 * <p>Then the case pruning gives up: a node subscribes to a fresh topic and a message is
 * published on it at once, before the subscriber's announce reached the publisher. A flood
 * delivers it; a pruned publish goes nowhere, since no node is known to want it.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ghostmesh.benchmarks.sim.TopicPruningFrames \
 *     --nodes 100 --degree 4 --publishes 20 --seed 1
 * </pre>
 *
 * <p>Exit status: 0 if every publish of the steady phase reached every subscriber exactly once
 * in both modes, 1 if not, 2 if the mesh could not be set up.
 *
 * <p>Threading: {@link #run} drives every node from the calling thread.
 */
public final class TopicPruningFrames {
    static final String USAGE = """
            usage: TopicPruningFrames [--nodes N] [--degree D] [--publishes P] [--seed S]
              defaults: 100 nodes, degree 4, 20 publishes per topic, seed 1, 10 ms per frame
                        (virtual time); topics with 1, 5, 20, half and all but one of the
                        nodes subscribed""";

    private TopicPruningFrames() {}

    /** Runs once with the options in {@code args}; prints a table and a JSON line. */
    public static void main(String[] args) throws Exception {
        int nodes = 100;
        int degree = 4;
        int publishes = 20;
        long seed = 1;
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + args[i]);
                }
                int value = Integer.parseInt(args[i + 1]);
                switch (args[i]) {
                    case "--nodes" -> nodes = value;
                    case "--degree" -> degree = value;
                    case "--publishes" -> publishes = value;
                    case "--seed" -> seed = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(64);
            return;
        }
        List<Row> rows;
        try {
            rows = new ArrayList<>(run(nodes, degree, publishes, seed, false, System.err));
            rows.addAll(run(nodes, degree, publishes, seed, true, System.err));
        } catch (IllegalStateException e) {
            System.err.println("run failed: " + e.getMessage());
            System.exit(2);
            return;
        }
        rows.forEach(r -> System.out.println(r.line()));
        System.out.println(rows.stream().map(Row::json).toList());
        System.exit(rows.stream().allMatch(Row::exactlyOnce) ? 0 : 1);
    }

    /**
     * One topic in one mode.
     *
     * @param subscribers nodes subscribed; 0 marks the fresh-subscriber case (one node, the
     *     publish right after its subscribe)
     * @param framesMean frames received per publish, from the publish until quiet
     * @param deliveredShare of the (publish, subscriber) pairs, the share delivered
     * @param exactlyOnce every subscriber got every publish exactly once
     */
    record Row(boolean prune, int subscribers, int publishes, double framesMean,
            double deliveredShare, boolean exactlyOnce) {
        String line() {
            return String.format(Locale.ROOT,
                    "%-6s %-16s frames/publish %7.1f  delivered %5.1f%%",
                    prune ? "prune" : "flood",
                    subscribers == 0 ? "fresh subscriber" : subscribers + " subscribers",
                    framesMean, 100 * deliveredShare);
        }

        String json() {
            return String.format(Locale.ROOT, "{\"mode\":\"%s\",\"subscribers\":%d,"
                    + "\"publishes\":%d,\"frames_mean\":%.2f,\"delivered\":%.4f}",
                    prune ? "prune" : "flood", subscribers, publishes, framesMean,
                    deliveredShare);
        }
    }

    /** The subscriber counts measured in a mesh of {@code nodes}. */
    static int[] subscriberCounts(int nodes) {
        return IntStream.of(1, 5, 20, nodes / 2, nodes - 1)
                .filter(k -> k >= 1 && k < nodes).distinct().sorted().toArray();
    }

    /**
     * Builds the mesh with pruning on or off, subscribes the seeded subscriber sets, waits until
     * every node knows every other's route and topics, then publishes on each topic.
     *
     * @throws IllegalStateException if the mesh cannot be linked or settled in time
     */
    static List<Row> run(int nodes, int degree, int publishes, long seed, boolean prune,
            PrintStream progress) throws Exception {
        SimOptions o = new SimOptions(nodes, degree, 1, seed, 0, 32,
                SimOptions.defaultSeenCapacity(nodes, degree, 0, 8 * publishes),
                Duration.ofSeconds(600), Duration.ofSeconds(1), SecurityProfile.SECURE, true,
                Duration.ofMillis(10));
        RandomMesh topology = RandomMesh.build(nodes, degree, seed);
        int[] counts = subscriberCounts(nodes);
        try (SimMesh mesh = new SimMesh(topology, o, progress, b -> b.pruneTopics(prune))) {
            SimTime time = mesh.time();
            mesh.startAll();
            mesh.flushListeners();
            mesh.linkAll();
            mesh.awaitQuiet();
            SplittableRandom random = new SplittableRandom(seed ^ 0x7091_C5L);
            List<int[]> sets = new ArrayList<>();
            List<AtomicIntegerArray> copies = new ArrayList<>();
            for (int t = 0; t < counts.length; t++) {
                int[] set = pick(random, nodes, counts[t]);
                AtomicIntegerArray got = new AtomicIntegerArray(nodes * publishes);
                for (int i : set) {
                    int node = i;
                    mesh.node(i).subscribe(topic(t), d -> got.incrementAndGet(
                            node * publishes + d.payload().getInt(0)));
                }
                sets.add(set);
                copies.add(got);
            }
            // The subscriptions' announces, flooded over the linked mesh, carry routes too.
            mesh.awaitQuiet();
            if (!time.runUntil(() -> informed(mesh, nodes, sets),
                    time.nanoTime() + o.deadline().toNanos())) {
                throw new IllegalStateException("not every node learned every subscription");
            }
            List<Row> rows = new ArrayList<>();
            for (int t = 0; t < counts.length; t++) {
                rows.add(publish(mesh, random, topic(t), sets.get(t), copies.get(t), publishes,
                        prune));
                progress.println(rows.get(t).line());
            }
            rows.add(freshSubscriber(mesh, random, nodes, prune));
            progress.println(rows.get(rows.size() - 1).line());
            return rows;
        }
    }

    private static String topic(int t) {
        return "bench/topic" + t;
    }

    private static Row publish(SimMesh mesh, SplittableRandom random, String topic, int[] set,
            AtomicIntegerArray copies, int publishes, boolean prune) throws Exception {
        long frames = 0;
        for (int p = 0; p < publishes; p++) {
            int from = outside(random, mesh.size(), set);
            long before = mesh.frames().framesReceived();
            mesh.node(from).publish(topic, ByteBuffer.allocate(4).putInt(p).array());
            mesh.awaitQuiet();
            frames += mesh.frames().framesReceived() - before;
        }
        mesh.flushListeners();
        long delivered = 0;
        boolean once = true;
        for (int i : set) {
            for (int p = 0; p < publishes; p++) {
                int n = copies.get(i * publishes + p);
                delivered += n > 0 ? 1 : 0;
                once &= n == 1;
            }
        }
        return new Row(prune, set.length, publishes, (double) frames / publishes,
                (double) delivered / ((long) set.length * publishes), once);
    }

    /** One node subscribes to a new topic and another publishes on it at once. */
    private static Row freshSubscriber(SimMesh mesh, SplittableRandom random, int nodes,
            boolean prune) throws Exception {
        int subscriber = random.nextInt(nodes);
        int publisher = (subscriber + 1 + random.nextInt(nodes - 1)) % nodes;
        AtomicIntegerArray got = new AtomicIntegerArray(1);
        mesh.node(subscriber).subscribe("bench/fresh", d -> got.incrementAndGet(0));
        long before = mesh.frames().framesReceived();
        mesh.node(publisher).publish("bench/fresh", new byte[4]);
        mesh.awaitQuiet(); // the subscriber's announce travels meanwhile
        mesh.flushListeners();
        long frames = mesh.frames().framesReceived() - before;
        return new Row(prune, 0, 1, frames, got.get(0), true);
    }

    /** A random node not in {@code set}. */
    private static int outside(SplittableRandom random, int nodes, int[] set) {
        while (true) {
            int candidate = random.nextInt(nodes);
            if (Arrays.stream(set).noneMatch(s -> s == candidate)) {
                return candidate;
            }
        }
    }

    /** {@code k} distinct nodes drawn from the seed. */
    private static int[] pick(SplittableRandom random, int nodes, int k) {
        int[] order = IntStream.range(0, nodes).toArray();
        for (int i = nodes - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return Arrays.copyOf(order, k);
    }

    /**
     * Every node knows a route to every other, and every subscriber of every topic from its
     * latest announce.
     */
    private static boolean informed(SimMesh mesh, int n, List<int[]> sets) {
        for (int i = 0; i < n; i++) {
            int reachable = 0;
            for (NodeInfo known : mesh.node(i).nodes()) {
                reachable += known.reachable() ? 1 : 0;
            }
            if (reachable != n - 1) {
                return false;
            }
            for (int t = 0; t < sets.size(); t++) {
                int self = i;
                int others = (int) Arrays.stream(sets.get(t)).filter(s -> s != self).count();
                if (mesh.node(i).subscribers(topic(t)).size() != others) {
                    return false;
                }
            }
        }
        return true;
    }
}
