package dev.ghostmesh.benchmarks.sim;

import dev.ghostmesh.benchmarks.sim.DeliveryLog.Tally;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

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
 * <p>With {@code --virtual-time} the same run happens in virtual time ({@link VirtualTime}): the
 * calling thread runs every node on one host-driven loop group over a manual clock, and the
 * setup, settle, delivery and quiet times are virtual (read from that clock only), with the wall
 * time it took reported beside them.
 *
 * <p>Exit status: 0 if every broadcast reached every node exactly once, 1 if not, 2 if the mesh
 * could not be set up (the message says how far it got). See benchmarks/README.md.
 *
 * <p>Threading: {@link #run} drives the simulation from the calling thread (in virtual time
 * every node runs on it too).
 */
public final class MeshSimulation {
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
            // Every time below that describes the mesh is on the simulation's clock (virtual in
            // virtual time); wall time is read only for the wall figures.
            SimTime time = mesh.time();
            String unit = time.virtual() ? " (virtual)" : "";
            long t = time.nanoTime();
            mesh.startAll();
            if (time.virtual()) {
                time.flushListeners(options.deadline()); // the nodes' first tasks: presence
            }
            double startSeconds = seconds(time, t);
            progress.printf("%d nodes started in %.1f s%s; linking%n", options.nodes(),
                    startSeconds, unit);
            t = time.nanoTime();
            mesh.linkAll();
            double linkSeconds = seconds(time, t);
            progress.printf("%d links up in %.1f s%s; settling%n", topology.links().size(),
                    linkSeconds, unit);
            t = time.nanoTime();
            long settled = mesh.awaitQuiet();
            // In virtual time: up to the last work done, not the quiet period that confirmed it.
            double settleSeconds = time.virtual() ? (settled - t) / 1e9 : seconds(time, t);
            SimResult.Setup setup = new SimResult.Setup(startSeconds, linkSeconds, settleSeconds,
                    (Cpu.processNanos() - cpuStart) / 1e9, mesh.frames().framesSent());
            double setupWall = seconds(System.nanoTime() - wallStart);
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            progress.printf("settled after %.1f s more%s (%,d frames so far); broadcasting%n",
                    setup.settleSeconds(), unit, setup.frames());
            if (time.virtual()) {
                // Which threads there are when no loop thread is: the JVM's own, and this one.
                progress.printf("%d threads: %s%n", threads, threadNames());
            }

            SplittableRandom origins = new SplittableRandom(options.seed());
            List<SimResult.Broadcast> measured = new ArrayList<>();
            List<Tally> tallies = new ArrayList<>();
            long cpuBroadcasts = Cpu.processNanos();
            long wallBroadcasts = System.nanoTime();
            for (int i = 0; i < options.broadcasts(); i++) {
                int origin = origins.nextInt(options.nodes());
                Tally tally = mesh.deliveries().expect("broadcast " + i, origin,
                        mesh.node(origin).id());
                tallies.add(tally);
                measured.add(broadcast(mesh, topology, tally, options));
                SimResult.Broadcast b = measured.get(i);
                progress.printf("broadcast %d from n%d: %d/%d nodes, %d frames, %.0f ms%s%n", i,
                        b.origin(), b.reached(), options.nodes() - 1, b.frames(),
                        b.deliveryMillis(), unit);
            }
            double broadcastCpu = (Cpu.processNanos() - cpuBroadcasts) / 1e9;
            double broadcastWall = seconds(System.nanoTime() - wallBroadcasts);
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
            SimResult.Virtual virtual = time instanceof VirtualTime v
                    ? new SimResult.Virtual(setupWall, broadcastWall, v.elapsed().toNanos() / 1e9,
                            v.groupThreads())
                    : null;
            return new SimResult(options, topology.links().size(), setup, results,
                    mesh.deliveries().unexpected(), heap, threads, broadcastCpu,
                    seconds(System.nanoTime() - wallStart), virtual);
        }
    }

    /** Sends one broadcast and measures it until the mesh is quiet again. */
    private static SimResult.Broadcast broadcast(SimMesh mesh, RandomMesh topology,
            Tally tally, SimOptions options) throws Exception {
        int n = topology.nodes();
        int origin = tally.origin;
        int[] distance = topology.distancesFrom(origin);
        long[] duplicatesBefore = mesh.duplicatesPerNode();
        long duplicatesBeforeSum = sum(duplicatesBefore);
        long sentBefore = mesh.frames().framesSent();
        long receivedBefore = mesh.frames().framesReceived();
        SimTime time = mesh.time();
        long start = time.nanoTime();
        long deadline = start + options.deadline().toNanos();
        time.await(mesh.node(origin).broadcast(tally.text), deadline);
        boolean all = time.virtual() ? time.runUntil(tally::allReached, deadline)
                : tally.awaitAll(options.deadline().toMillis());
        double deliveryMillis = all ? (tally.lastReachedNanos - start) / 1e6 : Double.NaN;

        // Quiet: nothing in flight, and every frame received was handled, as a first copy or as
        // a duplicate. In real time: the same on two polls in a row (no quiet period beyond the
        // poll), so a node between accepting a packet and forwarding it is not taken for the
        // end; in virtual time: at the instant the last frame was handled.
        SimTime.Still<Flood> quiet = time.awaitStill(
                () -> new Flood(mesh.frames().framesSent() - sentBefore,
                        mesh.frames().framesReceived() - receivedBefore, tally.reached(),
                        sum(mesh.duplicatesPerNode()) - duplicatesBeforeSum),
                Flood::balanced, time.virtual() ? options.quietPeriod() : Duration.ZERO,
                deadline);
        boolean accounted = quiet.reached();
        double quietMillis = (quiet.atNanos() - start) / 1e6;
        long[] duplicatesAfter = mesh.duplicatesPerNode();
        long sent = quiet.last().sent();

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

    /** A broadcast's frames so far, and what the nodes made of them. */
    private record Flood(long sent, long received, int reached, long duplicates) {
        boolean balanced() {
            return sent == received && received == reached + duplicates;
        }
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

    private static String threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted()
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Seconds on the simulation's clock since {@code sinceNanos} on it. */
    private static double seconds(SimTime time, long sinceNanos) {
        return (time.nanoTime() - sinceNanos) / 1e9;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
