package dev.ghostmesh.examples;

import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeStatus;
import dev.ghostmesh.local.LocalNetwork;
import dev.ghostmesh.local.LocalTransport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * A mesh of 50 nodes in one process on a {@link LocalNetwork}: random links, broadcasts from
 * random nodes, and the delivery figures (delivered, duplicates, hops, time). Run it with
 * {@code mvn -q -pl ghost-examples -am package -DskipTests exec:java
 * -Dexec.mainClass=dev.ghostmesh.examples.LocalMeshExample}
 * (see README.md); {@code -Dexec.args="--nodes 100 --messages 50 --links 3 --latency-ms 2"}
 * changes the mesh.
 *
 * <p>Threading: {@code main} builds the mesh, sends and waits; all 50 nodes hand their listener
 * callbacks to one shared thread (see {@link DeliveryLog}), and each node runs its own node
 * thread, as any {@link MeshNode} does.
 */
public final class LocalMeshExample {
    private static final Set<String> OPTIONS =
            Set.of("--nodes", "--messages", "--links", "--seed", "--latency-ms");
    private static final long WAIT_SECONDS = 60;

    private LocalMeshExample() {}

    /**
     * {@code --nodes N} (2-500, default 50), {@code --messages N} (default 20),
     * {@code --links N} (links each node dials to earlier ones, default 2), {@code --seed N}
     * (of the links and origins, default 1), {@code --latency-ms N} (per frame, default 0).
     */
    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            ExampleArgs options = ExampleArgs.parse(args, OPTIONS, Set.of());
            settings = new Settings(options.integer("--nodes", 50, 2, 500),
                    options.integer("--messages", 20, 1, 10_000),
                    options.integer("--links", 2, 1, 10),
                    options.integer("--seed", 1, 0, Integer.MAX_VALUE),
                    options.integer("--latency-ms", 0, 0, 1000));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        run(settings, System.out);
    }

    /** The mesh to build and the traffic to send. */
    record Settings(int nodes, int messages, int linksPerNode, long seed, int latencyMillis) {}

    /**
     * The figures of a run.
     *
     * @param delivered first arrivals of a broadcast at a node; {@code expected} is
     *     messages x (nodes - 1)
     * @param duplicatesShown broadcasts a listener got twice (flooding promises none)
     * @param duplicatesDropped copies the nodes recognised as seen and dropped
     * @param duplicatesPredicted what flooding over this topology must drop
     * @param hopsBelowShortest deliveries that claimed fewer hops than the shortest path (none)
     */
    record Figures(int links, long delivered, long expected, long duplicatesShown,
            long duplicatesDropped, long duplicatesPredicted, long relayed, double averageHops,
            int maxHops, double averageShortest, int maxShortest, long hopsBelowShortest,
            long allDeliveredMillis, long medianMillis, long maxMillis) {}

    /** Builds the mesh, sends the broadcasts, prints the figures on {@code out}. */
    @SuppressWarnings("try") // closeNodesFirst is there only for its place in the close order
    static Figures run(Settings s, PrintStream out) throws Exception {
        MeshTopology topology = new MeshTopology(s.nodes(), s.linksPerNode(), s.seed());
        DeliveryLog log = new DeliveryLog(s.nodes(), s.messages());
        ExecutorService listenerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mesh-listeners");
            t.setDaemon(true);
            return t;
        });
        List<MeshNode> nodes = new ArrayList<>();
        try (LocalNetwork network = LocalNetwork.builder()
                .latency(Duration.ofMillis(s.latencyMillis())).build();
                AutoCloseable closeNodesFirst = () -> nodes.forEach(MeshNode::close)) {
            long formingStart = System.nanoTime();
            List<LocalTransport> transports = new ArrayList<>();
            for (int i = 0; i < s.nodes(); i++) {
                LocalTransport transport = network.transport("node-" + i);
                MeshNode node = MeshNode.builder().username("node-" + i).transport(transport)
                        // Links exactly as the topology says; no periodic re-announce during
                        // the run, so the counters hold only what the broadcasts caused.
                        .autoConnect(false).announceInterval(Duration.ofMinutes(10))
                        .listenerExecutor(listenerThread).build();
                node.addListener(log.listenerFor(i));
                node.start();
                nodes.add(node);
                transports.add(transport);
            }
            List<CompletableFuture<?>> dials = new ArrayList<>();
            for (MeshTopology.Link link : topology.links()) {
                dials.add(nodes.get(link.from()).connect(transports.get(link.to()).address()));
            }
            CompletableFuture.allOf(dials.toArray(CompletableFuture[]::new))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            if (!log.meshFormed().await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + log.nodesKnowingAll() + " of "
                        + s.nodes() + " nodes knew every other within " + WAIT_SECONDS + " s");
            }
            out.printf(Locale.ROOT, "%d nodes, %d links (each dials %d earlier nodes, seed %d),"
                    + " latency %d ms: mesh formed in %d ms%n", s.nodes(),
                    topology.links().size(), s.linksPerNode(), s.seed(), s.latencyMillis(),
                    millisSince(formingStart));
            settle(nodes, listenerThread);
            long duplicatesBefore = sum(nodes, NodeStatus::duplicatesDropped);
            long relayedBefore = sum(nodes, NodeStatus::packetsRelayed);

            SplittableRandom random = new SplittableRandom(s.seed());
            int[] origins = new int[s.messages()];
            long[] sentNanos = new long[s.messages()];
            for (int m = 0; m < s.messages(); m++) {
                origins[m] = random.nextInt(s.nodes());
                sentNanos[m] = System.nanoTime();
                nodes.get(origins[m]).broadcast(DeliveryLog.text(m));
            }
            boolean complete = log.allDelivered().await(WAIT_SECONDS, TimeUnit.SECONDS);
            settle(nodes, listenerThread);
            Figures f = figures(s, topology, log, origins, sentNanos,
                    sum(nodes, NodeStatus::duplicatesDropped) - duplicatesBefore,
                    sum(nodes, NodeStatus::packetsRelayed) - relayedBefore, complete);
            print(s, f, out);
            return f;
        } finally {
            listenerThread.shutdownNow();
        }
    }

    private static Figures figures(Settings s, MeshTopology topology, DeliveryLog log,
            int[] origins, long[] sentNanos, long duplicatesDropped, long relayed,
            boolean complete) {
        long delivered = 0;
        long hopSum = 0;
        long shortestSum = 0;
        long belowShortest = 0;
        int maxHops = 0;
        int maxShortest = 0;
        long lastArrival = 0;
        long[] latencies = new long[s.messages()];
        for (int m = 0; m < s.messages(); m++) {
            int[] shortest = topology.distancesFrom(origins[m]);
            long last = 0;
            for (int node = 0; node < s.nodes(); node++) {
                long at = log.arrivalNanos(m, node);
                if (node == origins[m] || at == 0) {
                    continue;
                }
                delivered++;
                hopSum += log.hops(m, node);
                shortestSum += shortest[node];
                maxHops = Math.max(maxHops, log.hops(m, node));
                maxShortest = Math.max(maxShortest, shortest[node]);
                belowShortest += log.hops(m, node) < shortest[node] ? 1 : 0;
                last = Math.max(last, at);
            }
            latencies[m] = last == 0 ? 0 : (last - sentNanos[m]) / 1_000_000;
            lastArrival = Math.max(lastArrival, last);
        }
        Arrays.sort(latencies);
        long all = complete ? (lastArrival - sentNanos[0]) / 1_000_000 : -1;
        return new Figures(topology.links().size(), delivered,
                (long) s.messages() * (s.nodes() - 1), log.duplicatesShown(), duplicatesDropped,
                s.messages() * topology.duplicatesPerBroadcast(), relayed,
                delivered == 0 ? 0 : (double) hopSum / delivered, maxHops,
                delivered == 0 ? 0 : (double) shortestSum / delivered, maxShortest,
                belowShortest, all, latencies[latencies.length / 2],
                latencies[latencies.length - 1]);
    }

    private static void print(Settings s, Figures f, PrintStream out) {
        out.printf(Locale.ROOT, "%d broadcasts from random nodes%n", s.messages());
        out.printf(Locale.ROOT, "delivered: %d/%d (%.1f%%), shown twice: %d%n", f.delivered(),
                f.expected(), 100.0 * f.delivered() / f.expected(), f.duplicatesShown());
        out.printf(Locale.ROOT, "duplicates dropped: %d (flooding predicts %d: 2 x (links -"
                + " nodes + 1) per broadcast)%n", f.duplicatesDropped(), f.duplicatesPredicted());
        out.printf(Locale.ROOT, "relayed: %d packets%n", f.relayed());
        out.printf(Locale.ROOT, "hops: average %.2f, max %d (shortest paths: average %.2f, max"
                + " %d); fewer than the shortest: %d%n", f.averageHops(), f.maxHops(),
                f.averageShortest(), f.maxShortest(), f.hopsBelowShortest());
        out.printf(Locale.ROOT, "time: %s; per broadcast median %d ms, max %d ms%n",
                f.allDeliveredMillis() < 0 ? "not all delivered within " + WAIT_SECONDS + " s"
                        : "all delivered " + f.allDeliveredMillis() + " ms after the first send",
                f.medianMillis(), f.maxMillis());
    }

    /**
     * Waits until the mesh is quiet: no duplicate dropped anywhere for 200 ms (copies can still
     * be in flight after every node has its first), then until the listener thread has run
     * everything queued so far.
     */
    private static void settle(List<MeshNode> nodes, ExecutorService listenerThread)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        long last = -1;
        int quietPolls = 0;
        while (quietPolls < 10 && System.nanoTime() < deadline) {
            long now = sum(nodes, NodeStatus::duplicatesDropped);
            quietPolls = now == last ? quietPolls + 1 : 0;
            last = now;
            Thread.sleep(20);
        }
        listenerThread.submit(() -> { }).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static long sum(List<MeshNode> nodes, ToLongFunction<NodeStatus> counter) {
        return nodes.stream().map(MeshNode::status).mapToLong(counter).sum();
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
