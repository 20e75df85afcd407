package dev.ghostmesh.benchmarks.sim;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What {@link PrivateMessageFrames} measured: the frames each private message and each
 * broadcast cost, counted as received by the nodes' transports from the send until the mesh was
 * quiet again.
 *
 * <p>Threading: immutable.
 *
 * @param links links in the mesh
 * @param setupFrames frames received until every node knew a route to every other
 * @param exactlyOnce every private message reached its target once and its receipt its sender
 *     once, and every broadcast every other node once (checked again after the last)
 * @param unexpected private messages or receipts that matched nothing sent or reached the wrong
 *     node
 * @param virtualSeconds virtual time of the whole run
 * @param wallSeconds wall time of the whole run
 */
record PrivateFramesResult(PrivateMessageFrames.Options options, int links, long setupFrames,
        List<Private> privates, List<Broadcast> broadcasts, boolean exactlyOnce, long unexpected,
        double virtualSeconds, double wallSeconds) {
    /** Copies the lists. */
    PrivateFramesResult {
        privates = List.copyOf(privates);
        broadcasts = List.copyOf(broadcasts);
    }

    /**
     * One private message.
     *
     * @param distance hops on the shortest path between the two nodes
     * @param hops hops of the copy the target's listener got; -1 if none
     * @param framesByReceipt frames received from the send until the sender's listener heard of
     *     the receipt
     * @param frames frames received from the send until the mesh was quiet
     * @param receiptMillis virtual time from the send until the receipt was reported
     */
    record Private(int from, int to, int distance, int hops, long framesByReceipt, long frames,
            boolean receipted, double receiptMillis) {}

    /**
     * One broadcast.
     *
     * @param reached nodes other than the origin whose listener got it
     * @param all whether every other node got it
     * @param frames frames received from the send until the mesh was quiet
     */
    record Broadcast(int origin, int reached, boolean all, long frames) {}

    /** Every private message receipted and every broadcast everywhere, each exactly once. */
    boolean allDelivered() {
        return exactlyOnce && unexpected == 0 && privates.stream().allMatch(Private::receipted)
                && broadcasts.stream().allMatch(Broadcast::all);
    }

    /** Frames a flood takes: every link carries it both ways, but the first copies' links one. */
    long floodFrames() {
        return 2L * links - (options.mesh().nodes() - 1);
    }

    double privateMean() {
        return mean(privates, p -> p.frames());
    }

    long privateMax() {
        return privates.stream().mapToLong(Private::frames).max().orElse(0);
    }

    /** What routing along shortest paths predicts: the message there, the receipt back. */
    double shortestRouteMean() {
        return mean(privates, p -> 2.0 * p.distance());
    }

    double broadcastMean() {
        return mean(broadcasts, b -> b.frames());
    }

    long broadcastMax() {
        return broadcasts.stream().mapToLong(Broadcast::frames).max().orElse(0);
    }

    private static <T> double mean(List<T> values, ToDoubleFunction<T> f) {
        return values.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    /** A few lines for a reader. */
    String table() {
        var o = options.mesh();
        return String.format(Locale.ROOT, """
                %d nodes, degree %d, seed %d, %d links, %d ms per frame (virtual time)
                private messages: %d, receipted %d, frames mean %.2f max %d (by the receipt: \
                mean %.2f), shortest route there and back %.2f, receipt after %.1f ms mean
                broadcasts: %d, frames mean %.1f max %d (flood predicts %d)
                a broadcast costs %.1fx the frames of a private message; exactly once: %s, \
                unexpected: %d
                setup frames %,d; %.1f s virtual, %.1f s wall
                """, o.nodes(), o.degree(), o.seed(), links, o.latency().toMillis(),
                privates.size(), privates.stream().filter(Private::receipted).count(),
                privateMean(), privateMax(), mean(privates, p -> p.framesByReceipt()),
                shortestRouteMean(), mean(privates, Private::receiptMillis), broadcasts.size(),
                broadcastMean(), broadcastMax(), floodFrames(), broadcastMean() / privateMean(),
                exactlyOnce, unexpected, setupFrames, virtualSeconds, wallSeconds);
    }

    /** One JSON object on one line. */
    String json() {
        var o = options.mesh();
        return String.format(Locale.ROOT, "{\"nodes\":%d,\"degree\":%d,\"seed\":%d,\"links\":%d,"
                + "\"latency_ms\":%d,\"private_messages\":%d,\"receipted\":%d,"
                + "\"private_frames_mean\":%.3f,\"private_frames_max\":%d,"
                + "\"private_frames_by_receipt_mean\":%.3f,\"shortest_route_frames_mean\":%.3f,"
                + "\"receipt_ms_mean\":%.2f,\"broadcasts\":%d,\"broadcast_frames_mean\":%.2f,"
                + "\"broadcast_frames_max\":%d,\"flood_frames\":%d,\"exactly_once\":%b,"
                + "\"unexpected\":%d,\"setup_frames\":%d,\"virtual_s\":%.3f,\"wall_s\":%.2f}",
                o.nodes(), o.degree(), o.seed(), links, o.latency().toMillis(), privates.size(),
                privates.stream().filter(Private::receipted).count(), privateMean(),
                privateMax(), mean(privates, p -> p.framesByReceipt()), shortestRouteMean(),
                mean(privates, Private::receiptMillis), broadcasts.size(), broadcastMean(),
                broadcastMax(), floodFrames(), exactlyOnce, unexpected, setupFrames,
                virtualSeconds, wallSeconds);
    }
}
