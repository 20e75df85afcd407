package dev.ghostmesh.benchmarks.sim;

import java.util.List;
import java.util.Locale;

/**
 * The figures of one simulation run, with its JSON and table forms. Immutable, so any thread
 * may read it.
 *
 * @param options what was run
 * @param links links in the mesh
 * @param setup how the mesh came up
 * @param broadcasts one entry per broadcast, in order
 * @param unexpectedDeliveries listener calls that matched no broadcast (must be 0)
 * @param heapAfterSetupBytes heap in use after setup, after a full GC
 * @param threads live JVM threads after setup
 * @param broadcastCpuSeconds process CPU time spent during the broadcasts
 * @param wallSeconds the whole run, setup included
 * @param virtual what a virtual-time run cost in wall time; null for a real-time run. In a
 *     virtual-time run the setup, delivery and quiet times are virtual.
 */
record SimResult(SimOptions options, int links, Setup setup, List<Broadcast> broadcasts,
        long unexpectedDeliveries, long heapAfterSetupBytes, int threads,
        double broadcastCpuSeconds, double wallSeconds, Virtual virtual) {

    /**
     * @param setupWallSeconds wall time from the start of the run until the mesh settled (the
     *     topology's construction included)
     * @param broadcastWallSeconds wall time of the broadcasts
     * @param virtualSeconds virtual time of the whole run, the quiet periods that confirm each
     *     phase's end included
     * @param groupThreads threads of the nodes' loop group (none: the simulation's thread ran
     *     every node)
     */
    record Virtual(double setupWallSeconds, double broadcastWallSeconds, double virtualSeconds,
            int groupThreads) {
        /** Virtual seconds per wall second over the whole run. */
        double speedup(double wallSeconds) {
            return virtualSeconds / wallSeconds;
        }
    }

    /**
     * @param startSeconds building and starting every node
     * @param linkSeconds dialing every link until every node had all its peers
     * @param settleSeconds until presence traffic died down
     * @param cpuSeconds process CPU time of the whole setup
     * @param frames frames sent during setup (handshakes and presence)
     */
    record Setup(double startSeconds, double linkSeconds, double settleSeconds,
            double cpuSeconds, long frames) {}

    /**
     * @param origin index of the sending node
     * @param eccentricity hops from the origin to the farthest node (breadth-first)
     * @param reached nodes other than the origin whose listener got the message
     * @param exactlyOnce true if every node but the origin got it exactly once, the origin never
     * @param duplicatesMean copies dropped as already seen, per node (the origin's echoes too)
     * @param duplicatesMax the most any one node dropped
     * @param hopsMean hops of the first copy, over the nodes reached
     * @param hopsMax the most hops any node's first copy crossed
     * @param shortestMean mean breadth-first distance from the origin: the least hopsMean can be
     * @param frames frames sent on all links from the broadcast until the mesh was quiet again
     * @param floodFrames what flooding predicts: the origin sends on every link, every other
     *     node forwards on every link but the one it heard from ({@code 2 x links - (nodes - 1)})
     * @param deliveryMillis from the send until the last node's listener got it
     * @param quietMillis from the send until every frame was received and handled
     * @param accounted true if frames received = first copies + duplicates at the end
     */
    record Broadcast(int origin, int eccentricity, int reached, boolean exactlyOnce,
            double duplicatesMean, long duplicatesMax, double hopsMean, int hopsMax,
            double shortestMean, long frames, long floodFrames, double deliveryMillis,
            double quietMillis, boolean accounted) {}

    int expected() {
        return options.nodes() - 1;
    }

    double deliveryPercent() {
        long reached = broadcasts.stream().mapToLong(Broadcast::reached).sum();
        return 100.0 * reached / ((long) expected() * broadcasts.size());
    }

    boolean allExactlyOnce() {
        return unexpectedDeliveries == 0 && broadcasts.stream().allMatch(Broadcast::exactlyOnce);
    }

    double mean(java.util.function.ToDoubleFunction<Broadcast> f) {
        return broadcasts.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    double max(java.util.function.ToDoubleFunction<Broadcast> f) {
        return broadcasts.stream().mapToDouble(f).max().orElse(Double.NaN);
    }

    /** A human-readable table: one line per broadcast, then the totals. */
    String table() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%d nodes, degree %d, %d links, seed %d,"
                + " announces travel %s, %s profile%s%n", options.nodes(), options.degree(), links,
                options.seed(), options.announceTtl() == 0 ? "everywhere (full presence)"
                        : options.announceTtl() + " hops", profileName(), timeNote()));
        if (virtual == null) {
            s.append(String.format(Locale.ROOT, "setup: start %.1f s, link %.1f s, settle %.1f s,"
                    + " %.0f s CPU, %,d frames; heap %.0f MiB, %d threads%n",
                    setup.startSeconds(), setup.linkSeconds(), setup.settleSeconds(),
                    setup.cpuSeconds(), setup.frames(), heapAfterSetupBytes / 1048576.0,
                    threads));
        } else {
            s.append(String.format(Locale.ROOT, "setup (virtual): start %.3f s, link %.3f s,"
                    + " settle %.3f s; wall %.1f s, %.0f s CPU, %,d frames; heap %.0f MiB,"
                    + " %d threads (loop group: %d)%n", setup.startSeconds(),
                    setup.linkSeconds(), setup.settleSeconds(), virtual.setupWallSeconds(),
                    setup.cpuSeconds(), setup.frames(), heapAfterSetupBytes / 1048576.0,
                    threads, virtual.groupThreads()));
        }
        s.append(" #   origin ecc  delivered   once  dup/node max  hops mean max (bfs)"
                + "   frames (flood)  deliver ms quiet ms\n");
        for (int i = 0; i < broadcasts.size(); i++) {
            Broadcast b = broadcasts.get(i);
            s.append(String.format(Locale.ROOT,
                    "%3d %7d %3d %6.2f%% %5s %8.2f %4d %9.2f %3d (%.2f) %8d (%d)%s %9.0f %8.0f%n",
                    i, b.origin(), b.eccentricity(), 100.0 * b.reached() / expected(),
                    b.exactlyOnce() ? "yes" : "NO", b.duplicatesMean(), b.duplicatesMax(),
                    b.hopsMean(), b.hopsMax(), b.shortestMean(), b.frames(), b.floodFrames(),
                    b.accounted() ? " " : "!", b.deliveryMillis(), b.quietMillis()));
        }
        s.append(String.format(Locale.ROOT, "total: delivery %.2f%%, exactly once: %s,"
                + " duplicates/node mean %.2f max %d, hops mean %.2f max %d,"
                + " frames/broadcast %.0f, delivery %.0f ms mean; broadcasts %.1f s CPU;"
                + " wall %.1f s%n", deliveryPercent(),
                allExactlyOnce() ? "yes" : "NO",
                mean(Broadcast::duplicatesMean), (long) max(Broadcast::duplicatesMax),
                mean(Broadcast::hopsMean), (int) max(Broadcast::hopsMax),
                mean(Broadcast::frames), mean(Broadcast::deliveryMillis), broadcastCpuSeconds,
                wallSeconds));
        if (virtual != null) {
            s.append(String.format(Locale.ROOT, "virtual time: %.3f s simulated in %.1f s of"
                    + " wall time (%.2fx real time; setup %.1f s, broadcasts %.1f s of wall"
                    + " time); delivery and quiet ms above are virtual%n",
                    virtual.virtualSeconds(), wallSeconds, virtual.speedup(wallSeconds),
                    virtual.setupWallSeconds(), virtual.broadcastWallSeconds()));
        }
        return s.toString();
    }

    /** Nothing for a real-time run without latency, so its output reads as it always has. */
    private String timeNote() {
        String latency = options.latency().isZero() ? ""
                : String.format(Locale.ROOT, "%s ms per frame", latencyMillis());
        if (virtual != null) {
            return ", virtual time" + (latency.isEmpty() ? "" : ", " + latency);
        }
        return latency.isEmpty() ? "" : ", " + latency;
    }

    private String latencyMillis() {
        return String.format(Locale.ROOT, "%.3f", options.latency().toNanos() / 1e6)
                .replaceAll("\\.?0+$", "");
    }

    /** The same figures as one JSON object. */
    String json() {
        StringBuilder s = new StringBuilder("{");
        field(s, "nodes", options.nodes()).append(',');
        field(s, "degree", options.degree()).append(',');
        field(s, "links", links).append(',');
        field(s, "seed", options.seed()).append(',');
        field(s, "announceTtl", options.announceTtl()).append(',');
        field(s, "seenCapacity", options.seenCapacity()).append(',');
        s.append("\"profile\":\"").append(profileName()).append("\",");
        if (virtual != null || !options.latency().isZero()) {
            s.append("\"virtualTime\":").append(virtual != null).append(',');
            field(s, "latencyMillis", options.latency().toNanos() / 1e6).append(',');
        }
        s.append("\"setup\":{");
        field(s, "startSeconds", setup.startSeconds()).append(',');
        field(s, "linkSeconds", setup.linkSeconds()).append(',');
        field(s, "settleSeconds", setup.settleSeconds()).append(',');
        field(s, "cpuSeconds", setup.cpuSeconds()).append(',');
        field(s, "frames", setup.frames()).append("},");
        field(s, "heapAfterSetupMiB", heapAfterSetupBytes / 1048576.0).append(',');
        field(s, "threads", threads).append(',');
        if (virtual != null) {
            s.append("\"virtual\":{");
            field(s, "setupWallSeconds", virtual.setupWallSeconds()).append(',');
            field(s, "broadcastWallSeconds", virtual.broadcastWallSeconds()).append(',');
            field(s, "virtualSeconds", virtual.virtualSeconds()).append(',');
            field(s, "speedup", virtual.speedup(wallSeconds)).append(',');
            field(s, "groupThreads", virtual.groupThreads()).append("},");
        }
        s.append("\"total\":{");
        field(s, "deliveryPercent", deliveryPercent()).append(',');
        s.append("\"exactlyOnce\":").append(allExactlyOnce()).append(',');
        field(s, "unexpectedDeliveries", unexpectedDeliveries).append(',');
        field(s, "duplicatesPerNodeMean", mean(Broadcast::duplicatesMean)).append(',');
        field(s, "duplicatesPerNodeMax", (long) max(Broadcast::duplicatesMax)).append(',');
        field(s, "hopsMean", mean(Broadcast::hopsMean)).append(',');
        field(s, "hopsMax", (long) max(Broadcast::hopsMax)).append(',');
        field(s, "framesPerBroadcast", mean(Broadcast::frames)).append(',');
        field(s, "deliveryMillisMean", mean(Broadcast::deliveryMillis)).append(',');
        field(s, "broadcastCpuSeconds", broadcastCpuSeconds).append(',');
        field(s, "wallSeconds", wallSeconds).append("},\"broadcasts\":[");
        for (int i = 0; i < broadcasts.size(); i++) {
            Broadcast b = broadcasts.get(i);
            s.append(i == 0 ? "{" : ",{");
            field(s, "origin", b.origin()).append(',');
            field(s, "eccentricity", b.eccentricity()).append(',');
            field(s, "reached", b.reached()).append(',');
            s.append("\"exactlyOnce\":").append(b.exactlyOnce()).append(',');
            field(s, "duplicatesMean", b.duplicatesMean()).append(',');
            field(s, "duplicatesMax", b.duplicatesMax()).append(',');
            field(s, "hopsMean", b.hopsMean()).append(',');
            field(s, "hopsMax", b.hopsMax()).append(',');
            field(s, "shortestMean", b.shortestMean()).append(',');
            field(s, "frames", b.frames()).append(',');
            field(s, "floodFrames", b.floodFrames()).append(',');
            field(s, "deliveryMillis", b.deliveryMillis()).append(',');
            field(s, "quietMillis", b.quietMillis()).append(',');
            s.append("\"accounted\":").append(b.accounted()).append('}');
        }
        return s.append("]}").toString();
    }

    private String profileName() {
        return options.profile().name().toLowerCase(Locale.ROOT);
    }

    private static StringBuilder field(StringBuilder s, String name, long value) {
        return s.append('"').append(name).append("\":").append(value);
    }

    private static StringBuilder field(StringBuilder s, String name, double value) {
        return s.append('"').append(name).append("\":")
                .append(Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value)
                        : "null");
    }
}
