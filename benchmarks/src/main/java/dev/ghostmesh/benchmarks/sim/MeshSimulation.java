package dev.ghostmesh.benchmarks.sim;

import dev.ghostmesh.benchmarks.sim.DeliveryLog.Tally;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Scale by simulation: thousands of real {@code MeshNode}s in one JVM, linked in a seeded random
 * mesh of a given degree on a {@code LocalNetwork}, send broadcasts one at a time from random
 * origins; the run reports, per broadcast and in total, delivery (from the nodes' own listeners),
 * duplicates per node (from their status counters), hops (from {@code Message.hops()}) and
 * frames per broadcast (counted on the links), plus setup time, heap, threads and CPU.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ghostmesh.benchmarks.sim.MeshSimulation \
 *     --nodes 10000 --degree 4 --broadcasts 20 --seed 1 --announce-ttl 2
 * </pre>
 *
 * <p>Exit status: 0 if every broadcast reached every node exactly once, 1 if not, 2 if the mesh
 * could not be set up (the message says how far it got). See benchmarks/README.md.
 *
 * <p>Threading: {@link #run} drives the simulation from the calling thread.
 */
public final class MeshSimulation {
    private static final long POLL_MILLIS = 50;

    private MeshSimulation() {}

    /** Runs one simulation with the options in {@code args}; see {@link SimOptions#USAGE}. */
    public static void main(String[] args) throws Exception {
        SimOptions options;
        try {
            options = SimOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage().equals("help") ? SimOptions.USAGE
                    : e.getMessage() + "\n" + SimOptions.USAGE);
            System.exit(64);
            return;
        }
        SimResult result;
        try {
            result = run(options, System.err);
        } catch (IllegalStateException e) {
            System.err.println("simulation failed: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.print(result.table());
        System.out.println(result.json());
        String json = SimOptions.jsonFile(args);
        if (json != null) {
            Files.writeString(Path.of(json), result.json() + "\n", StandardCharsets.UTF_8);
        }
        System.exit(result.deliveryPercent() == 100.0 && result.allExactlyOnce() ? 0 : 1);
    }

    /**
     * Builds the mesh, sends the broadcasts and measures; progress lines go to {@code progress}.
     *
     * @throws IllegalStateException if the mesh cannot be linked or settled in time
     */
    static SimResult run(SimOptions options, PrintStream progress) throws Exception {
        long wallStart = System.nanoTime();
        long cpuStart = Cpu.processNanos();
        RandomMesh topology = RandomMesh.build(options.nodes(), options.degree(), options.seed());
        try (SimMesh mesh = new SimMesh(topology, options, progress)) {
            long t = System.nanoTime();
            mesh.startAll();
            double startSeconds = seconds(t);
            progress.printf("%d nodes started in %.1f s; linking%n", options.nodes(),
                    startSeconds);
            t = System.nanoTime();
            mesh.linkAll();
            double linkSeconds = seconds(t);
            progress.printf("%d links up in %.1f s; settling%n", topology.links().size(),
                    linkSeconds);
            t = System.nanoTime();
            mesh.awaitQuiet();
            SimResult.Setup setup = new SimResult.Setup(startSeconds, linkSeconds, seconds(t),
                    (Cpu.processNanos() - cpuStart) / 1e9, mesh.frames().sent());
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            progress.printf("settled after %.1f s more (%,d frames so far); broadcasting%n",
                    setup.settleSeconds(), setup.frames());

            SplittableRandom origins = new SplittableRandom(options.seed());
            List<SimResult.Broadcast> measured = new ArrayList<>();
            List<Tally> tallies = new ArrayList<>();
            long cpuBroadcasts = Cpu.processNanos();
            for (int i = 0; i < options.broadcasts(); i++) {
                int origin = origins.nextInt(options.nodes());
                Tally tally = mesh.deliveries().expect("broadcast " + i, origin,
                        mesh.node(origin).id());
                tallies.add(tally);
                measured.add(broadcast(mesh, topology, tally, options));
                SimResult.Broadcast b = measured.get(i);
                progress.printf("broadcast %d from n%d: %d/%d nodes, %d frames, %.0f ms%n", i,
                        b.origin(), b.reached(), options.nodes() - 1, b.frames(),
                        b.deliveryMillis());
            }
            double broadcastCpu = (Cpu.processNanos() - cpuBroadcasts) / 1e9;
            // Late copies would show now: each node's listener must have had each message once.
            mesh.awaitQuiet();
            mesh.flushListeners();
            List<SimResult.Broadcast> results = new ArrayList<>();
            for (int i = 0; i < measured.size(); i++) {
                SimResult.Broadcast b = measured.get(i);
                results.add(new SimResult.Broadcast(b.origin(), b.eccentricity(), b.reached(),
                        exactlyOnce(tallies.get(i)), b.duplicatesMean(), b.duplicatesMax(),
                        b.hopsMean(), b.hopsMax(), b.shortestMean(), b.frames(),
                        b.floodFrames(), b.deliveryMillis(), b.quietMillis(), b.accounted()));
            }
            return new SimResult(options, topology.links().size(), setup, results,
                    mesh.deliveries().unexpected(), heap, threads, broadcastCpu,
                    seconds(wallStart));
        }
    }

    /** Sends one broadcast and measures it until the mesh is quiet again. */
    private static SimResult.Broadcast broadcast(SimMesh mesh, RandomMesh topology,
            Tally tally, SimOptions options) throws Exception {
        int n = topology.nodes();
        int origin = tally.origin;
        int[] distance = topology.distancesFrom(origin);
        long[] duplicatesBefore = mesh.duplicatesPerNode();
        long sentBefore = mesh.frames().sent();
        long receivedBefore = mesh.frames().received();
        long start = System.nanoTime();
        mesh.node(origin).broadcast(tally.text).get(options.deadline().toMillis(),
                TimeUnit.MILLISECONDS);
        boolean all = tally.awaitAll(options.deadline().toMillis());
        double deliveryMillis = all ? (tally.lastReachedNanos - start) / 1e6 : Double.NaN;

        // Quiet: nothing in flight, and every frame received was handled, as a first copy or as
        // a duplicate; the same on two polls in a row, so a node between accepting a packet and
        // forwarding it is not taken for the end.
        long deadline = start + options.deadline().toNanos();
        long[] duplicatesAfter;
        long sent;
        long previous = -1;
        boolean accounted = false;
        while (true) {
            duplicatesAfter = mesh.duplicatesPerNode();
            sent = mesh.frames().sent() - sentBefore;
            long received = mesh.frames().received() - receivedBefore;
            long duplicates = sum(duplicatesAfter) - sum(duplicatesBefore);
            boolean balanced = sent == received && received == tally.reached() + duplicates;
            if (balanced && sent == previous) {
                accounted = true;
                break;
            }
            previous = balanced ? sent : -1;
            if (System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(POLL_MILLIS);
        }
        double quietMillis = (System.nanoTime() - start) / 1e6;

        long duplicateSum = 0;
        long duplicateMax = 0;
        long hopSum = 0;
        int hopMax = 0;
        long shortestSum = 0;
        int eccentricity = 0;
        for (int i = 0; i < n; i++) {
            long d = duplicatesAfter[i] - duplicatesBefore[i];
            duplicateSum += d;
            duplicateMax = Math.max(duplicateMax, d);
            int hops = tally.hops.get(i);
            if (i != origin && hops >= 0) {
                hopSum += hops;
                hopMax = Math.max(hopMax, hops);
            }
            shortestSum += distance[i];
            eccentricity = Math.max(eccentricity, distance[i]);
        }
        int reached = tally.reached();
        long floodFrames = 2L * topology.links().size() - (n - 1);
        return new SimResult.Broadcast(origin, eccentricity, reached, false,
                (double) duplicateSum / n, duplicateMax,
                reached == 0 ? Double.NaN : (double) hopSum / reached, hopMax,
                (double) shortestSum / (n - 1), sent, floodFrames, deliveryMillis, quietMillis,
                accounted);
    }

    private static boolean exactlyOnce(Tally tally) {
        for (int i = 0; i < tally.copies.length(); i++) {
            if (tally.copies.get(i) != (i == tally.origin ? 0 : 1)) {
                return false;
            }
        }
        return true;
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
