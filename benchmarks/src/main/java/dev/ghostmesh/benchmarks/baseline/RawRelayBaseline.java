package dev.ghostmesh.benchmarks.baseline;

import java.io.IOException;

/**
 * The raw-relay baseline: the limit of this machine for the load tool's figures. N minimal relays
 * in one JVM on real TCP loopback (127.0.0.1, ephemeral ports), linked as a {@link Topology},
 * forward 4-byte big-endian length-prefixed frames: no decode beyond an 8-byte id, no crypto,
 * no msgpack. A relay forwards a frame it has not seen before to every other link and drops the
 * rest (flood dedup by a bit per recent id); every first sighting is one delivery.
 *
 * <p>Frames: body = 8-byte message id, 8-byte send {@code nanoTime}, zero padding up to
 * {@code bytes} (bodies are at least 16 bytes), so one message is {@code 4 + max(bytes, 16)}
 * bytes per link crossed. Relay 0 is the source; it stamps the send time as it queues the frame.
 *
 * <p>Measured: first a warm-up of {@code min(2000, messages)} messages with the same window, fully
 * delivered and excluded from every figure; then {@code messages} messages. In window mode
 * ({@code ratePerSecond == 0}) at most {@code window} messages are in flight (sent, not yet
 * delivered at the farthest relay); in rate mode a pacer thread grants one send per slot
 * (parking to the slot, no sleeps) and {@code window} is unused. Latency is taken at the
 * farthest relay: most BFS hops from relay 0, ties to the highest index (the tail of a chain);
 * see {@link Topology#farthestNode()} and {@link Topology#hopsToFarthest()}.
 *
 * <p>Threads: by default ({@link Threading#SHARED_SELECTOR}) one selector thread serves every
 * relay: a frame crosses all hops in one thread's turns, with no hand-off between threads. On
 * the 2-core development machine (10-node chain, window 256) it took ~30% less CPU per delivery
 * and had lower latency than {@link Threading#SELECTOR_PER_RELAY} (one thread per relay, like one
 * loop per mesh node), with about twice the throughput when the machine was quiet and the same
 * when another process held a core; so it is the "limit of the machine", and the other is there
 * to compare. Writes are non-blocking, one gathering write per link per turn drains
 * every queued frame, and the relay path allocates nothing per frame.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.ghostmesh.benchmarks.baseline.RawRelayBaseline --nodes 10 --topology chain
 * --messages 200000 --bytes 100 --window 256} (also {@code --rate N}, {@code --degree D},
 * {@code --seed S}, {@code --threads shared|per-relay}); prints a summary line and a JSON object.
 *
 * <p>Threading: {@link #run} may be called from any thread, one run at a time per caller; it
 * blocks until the run is over and leaves no thread behind.
 */
public final class RawRelayBaseline {
    private RawRelayBaseline() {}

    /**
     * A topology: {@code nodes} relays linked as a {@code "chain"} (relay i to i+1; degree and
     * seed unused) or as a {@code "mesh"}: a random spanning tree drawn from {@code seed}, topped
     * up with random links until every relay has at least {@code degree} links, preferring
     * partners still below it (tree hubs may have more). The same record always gives the same
     * links; {@link #edges()} lets the load tool build the identical mesh.
     *
     * <p>Threading: immutable.
     */
    public record Topology(int nodes, String kind, int degree, long seed) {
        public static final String CHAIN = "chain";
        public static final String MESH = "mesh";

        public Topology {
            if (nodes < 2) {
                throw new IllegalArgumentException("a topology needs at least 2 nodes: " + nodes);
            }
            if (!CHAIN.equals(kind) && !MESH.equals(kind)) {
                throw new IllegalArgumentException("kind must be chain or mesh: " + kind);
            }
            if (MESH.equals(kind) && (degree < 1 || degree >= nodes)) {
                throw new IllegalArgumentException("mesh degree must be in [1, nodes): " + degree);
            }
        }

        public static Topology chain(int nodes) {
            return new Topology(nodes, CHAIN, 2, 0);
        }

        public static Topology mesh(int nodes, int degree, long seed) {
            return new Topology(nodes, MESH, degree, seed);
        }

        /** Every link once, as {lower index, higher index}; a new array each call. */
        public int[][] edges() {
            return TopologyGraph.edges(this);
        }

        /** The relay where latency is measured: most hops from relay 0, ties to the highest. */
        public int farthestNode() {
            return TopologyGraph.farthest(this);
        }

        /** Hops from relay 0 to {@link #farthestNode()} (divide latencies by this per hop). */
        public int hopsToFarthest() {
            return TopologyGraph.hopsFromSource(this)[farthestNode()];
        }
    }

    /**
     * What one run measured, warm-up excluded. Rates are per second of the measured run (from its
     * start to the last delivery at the farthest relay, resp. at any relay); latencies are at the
     * farthest relay, nearest-rank percentiles; {@code lost} and {@code duplicates} are summed
     * over every relay but the source (each should take each message exactly once); wire bytes
     * are every byte queued on any link for a measured message (prefix included); CPU seconds
     * are the whole process's (relays, kernel time on their behalf, GC, JIT) over the run.
     * Per-delivered figures divide by deliveries at all relays but the source.
     *
     * <p>Threading: immutable.
     */
    public record Result(double tailMessagesPerSecond, double totalDeliveredPerSecond,
            long p50Nanos, long p99Nanos, long maxNanos, long lost, long duplicates,
            double wireBytesPerDelivered, double cpuSecondsPerDelivered) {}

    /** How many selector threads serve the relays. Threading: immutable. */
    public enum Threading {
        SHARED_SELECTOR, SELECTOR_PER_RELAY
    }

    /** A run with the default {@link Threading#SHARED_SELECTOR}; see the class comment. */
    public static Result run(Topology topology, int messages, int bytes, int window,
            double ratePerSecond) throws IOException, InterruptedException {
        return run(topology, messages, bytes, window, ratePerSecond, Threading.SHARED_SELECTOR);
    }

    /**
     * One run; {@code ratePerSecond == 0} means window mode. Throws IllegalArgumentException for
     * bad arguments and IllegalStateException if a relay loop failed or the warm-up was not
     * delivered; losses in the measured part are reported, not thrown.
     */
    public static Result run(Topology topology, int messages, int bytes, int window,
            double ratePerSecond, Threading threading) throws IOException, InterruptedException {
        return BaselineRun.execute(topology, messages, bytes, window, ratePerSecond, threading)
                .result();
    }

    public static void main(String[] args) throws Exception {
        BaselineCli.main(args);
    }
}
