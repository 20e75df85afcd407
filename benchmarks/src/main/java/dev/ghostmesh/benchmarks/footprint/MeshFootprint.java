package dev.ghostmesh.benchmarks.footprint;

import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.local.LocalNetwork;
import dev.ghostmesh.local.LocalTransport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Memory of an in-process mesh: {@code --nodes} MeshNodes on one {@link LocalNetwork}, linked
 * as a random mesh of average degree {@code --degree} (a ring for connectivity plus random
 * chords; no auto-connect), then, once every node knows every other from announces,
 * {@code --broadcasts} broadcasts from random nodes, each delivered everywhere. Prints the heap
 * in use after a full GC (and what one node costs: the difference from before the nodes
 * started, divided by their number), the resident set and the threads.
 *
 * <pre>
 * java -Xmx200m -cp benchmarks/target/benchmarks.jar \
 *     dev.ghostmesh.benchmarks.footprint.MeshFootprint [--nodes 100] [--degree 4] \
 *     [--broadcasts 100] [--seed 1]
 * </pre>
 *
 * <p>Threading: the main thread drives; listeners count deliveries on the nodes' threads.
 */
public final class MeshFootprint {
    private static final int CONNECTS_IN_FLIGHT = 4;

    private MeshFootprint() {}

    public static void main(String[] args) throws Exception {
        int n = 100;
        int degree = 4;
        int broadcasts = 100;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--nodes" -> n = Integer.parseInt(args[++i]);
                case "--degree" -> degree = Integer.parseInt(args[++i]);
                case "--broadcasts" -> broadcasts = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (n < 3 || degree < 2 || degree >= n) {
            throw new IllegalArgumentException("need nodes >= 3 and 2 <= degree < nodes");
        }
        double heapBefore = ProcessMemory.liveHeapMiB();
        int threadsBefore = ProcessMemory.javaThreads();
        AtomicLong delivered = new AtomicLong();
        List<MeshNode> nodes = new ArrayList<>();
        try (LocalNetwork network = LocalNetwork.builder().seed(seed).build()) {
            List<PeerAddress> addresses = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < n; i++) {
                LocalTransport transport = network.transport("node-" + i);
                MeshNode node = MeshNode.builder().username("node-" + i).transport(transport)
                        .autoConnect(false).build();
                node.addListener(new MeshListener() {
                    @Override
                    public void onMessage(Message m) {
                        delivered.incrementAndGet();
                    }
                });
                node.start();
                nodes.add(node);
                addresses.add(transport.address());
            }
            List<int[]> edges = randomMesh(n, degree, new SplittableRandom(seed));
            // A few handshakes at a time: all at once would be a CPU storm of X25519 that can
            // push handshakes past their timeout on a small machine.
            Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
            List<CompletableFuture<?>> links = new ArrayList<>();
            for (int[] e : edges) {
                inFlight.acquire();
                links.add(nodes.get(e[0]).connect(addresses.get(e[1]))
                        .whenComplete((peer, failure) -> inFlight.release()));
            }
            CompletableFuture.allOf(links.toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);
            double linkedSeconds = (System.nanoTime() - started) / 1e9;
            int others = n - 1;
            await("presence", () -> nodes.stream().allMatch(x -> x.nodes().size() == others),
                    120);
            double settledSeconds = (System.nanoTime() - started) / 1e9;
            SplittableRandom pick = new SplittableRandom(seed + 1);
            long sendStart = System.nanoTime();
            for (int b = 0; b < broadcasts; b++) {
                nodes.get(pick.nextInt(n)).broadcast("broadcast " + b);
            }
            long expected = (long) broadcasts * others;
            await("deliveries", () -> delivered.get() >= expected, 120);
            double broadcastSeconds = (System.nanoTime() - sendStart) / 1e9;
            double heapAfter = ProcessMemory.liveHeapMiB();
            long pid = ProcessHandle.current().pid();
            int threads = ProcessMemory.javaThreads();
            long rssKiB = ProcessMemory.rssKiB(pid);
            double perNode = (heapAfter - heapBefore) / n;
            System.out.println(new JsonLine().put("tool", "MeshFootprint").put("nodes", n)
                    .put("degree", degree).put("links", edges.size())
                    .put("broadcasts", broadcasts).put("delivered", delivered.get())
                    .put("linkedSeconds", linkedSeconds)
                    .put("presenceSettledSeconds", settledSeconds)
                    .put("broadcastsSeconds", broadcastSeconds)
                    .put("liveHeapMiB", heapAfter).put("liveHeapBeforeNodesMiB", heapBefore)
                    .put("liveHeapPerNodeKiB", perNode * 1024)
                    .put("committedHeapMiB", ProcessMemory.committedHeapMiB())
                    .put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024.0 * 1024))
                    .put("rssMiB", ProcessMemory.mib(rssKiB)).put("javaThreads", threads)
                    .put("javaThreadsBeforeNodes", threadsBefore));
            System.out.printf("%d nodes, %d links (degree %d): linked in %.1f s, presence settled"
                    + " in %.1f s, %d broadcasts delivered %d times in %.1f s; live heap after GC %.1f MiB"
                    + " (%.0f KiB per node), RSS %.0f MiB, %d Java threads (%d before)%n",
                    n, edges.size(), degree, linkedSeconds, settledSeconds, broadcasts, delivered.get(),
                    broadcastSeconds, heapAfter, perNode * 1024, ProcessMemory.mib(rssKiB),
                    threads, threadsBefore);
        } finally {
            nodes.forEach(MeshNode::close);
        }
    }

    /**
     * A connected random graph of average degree {@code degree}: a ring, then random chords
     * until there are {@code n * degree / 2} distinct edges.
     */
    static List<int[]> randomMesh(int n, int degree, SplittableRandom random) {
        Set<Long> seen = new HashSet<>();
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            addEdge(i, (i + 1) % n, n, seen, edges);
        }
        int wanted = n * degree / 2;
        while (edges.size() < wanted) {
            addEdge(random.nextInt(n), random.nextInt(n), n, seen, edges);
        }
        return edges;
    }

    private static void addEdge(int a, int b, int n, Set<Long> seen, List<int[]> edges) {
        if (a != b && seen.add((long) Math.min(a, b) * n + Math.max(a, b))) {
            edges.add(new int[] {a, b});
        }
    }

    private static void await(String what, BooleanSupplier condition, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not complete in " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }
}
