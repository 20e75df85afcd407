package dev.ghostmesh.benchmarks.sim;

import dev.ghostmesh.SecurityProfile;
import java.time.Duration;

/**
 * The settings of one simulation run, from the command line or a test. Immutable.
 *
 * @param nodes how many nodes
 * @param degree links per node
 * @param broadcasts how many broadcasts, one at a time, each from a random node
 * @param seed seeds the mesh, the node identities and the choice of origins
 * @param announceTtl hops the nodes' announces travel; 0 for the library default (the ttl, so
 *     every node learns of every other)
 * @param dialWindow link handshakes in flight at once while the mesh is built
 * @param seenCapacity each node's seen-cache capacity (ids of packets it has seen)
 * @param deadline how long one phase (linking, settling, one broadcast) may take
 * @param quietPeriod how long the mesh must stay still to count as settled
 * @param profile the nodes' security profile
 * @param virtualTime true to run every node on one host-driven loop group over a manual clock,
 *     driven by the simulation's thread ({@link VirtualTime}); false for the shared loop
 *     threads on the system clock ({@link RealTime})
 * @param latency one-way delay of every frame on the network (in virtual time when
 *     {@code virtualTime}); zero for none
 */
record SimOptions(int nodes, int degree, int broadcasts, long seed, int announceTtl,
        int dialWindow,
        int seenCapacity, Duration deadline, Duration quietPeriod, SecurityProfile profile,
        boolean virtualTime, Duration latency) {
    /**
     * The latency a virtual-time run uses unless told otherwise. Without one every frame would
     * arrive at the instant it was sent, and every time the run reports would be zero: the nodes'
     * CPU work takes no virtual time.
     */
    static final Duration VIRTUAL_LATENCY = Duration.ofMillis(10);

    static final String USAGE = """
            usage: MeshSimulation [--nodes N] [--degree D] [--broadcasts B] [--seed S]
                                  [--announce-ttl H] [--dial-window W] [--seen-capacity C]
                                  [--deadline-seconds T] [--profile secure|open]
                                  [--virtual-time] [--latency-ms L] [--json FILE]
              defaults: 1000 nodes, degree 4, 20 broadcasts, seed 1, announces travel as far
                        as messages (full presence: O(nodes^2) work), 32 handshakes in flight,
                        seen capacity 2 x (nodes announcing within reach + broadcasts), at
                        least 1024; 600 s per phase; profile secure; real time, no latency
              --virtual-time: all nodes on one host-driven loop group over a manual clock,
                        run by this thread: no loop threads, the clock jumps from one timer to
                        the next, and setup, settle and delivery times are virtual (wall times
                        are printed beside them). The deadline is then virtual time too.
              --latency-ms: one-way delay of every frame; default 0, or 10 with
                        --virtual-time (without it every virtual time would be zero)""";

    /** Checks the values. */
    SimOptions {
        if (nodes < 3 || broadcasts < 1 || dialWindow < 1 || seenCapacity < 16
                || announceTtl < 0) {
            throw new IllegalArgumentException("need nodes >= 3, broadcasts >= 1, dial window"
                    + " >= 1 and seen capacity >= 16");
        }
        java.util.Objects.requireNonNull(profile, "profile");
        if (deadline.isNegative() || deadline.isZero() || quietPeriod.isNegative()) {
            throw new IllegalArgumentException("deadline must be positive");
        }
        java.util.Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
    }

    /** Defaults for the given size. */
    static SimOptions of(int nodes, int degree, int broadcasts, long seed) {
        return new SimOptions(nodes, degree, broadcasts, seed, 0, 32,
                defaultSeenCapacity(nodes, degree, 0, broadcasts), Duration.ofSeconds(600),
                Duration.ofMillis(1000), SecurityProfile.SECURE, false, Duration.ZERO);
    }

    /** The same run in virtual time, with {@code latency} per frame. */
    SimOptions inVirtualTime(Duration latency) {
        return new SimOptions(nodes, degree, broadcasts, seed, announceTtl, dialWindow,
                seenCapacity, deadline, quietPeriod, profile, true, latency);
    }

    /**
     * Room for every announce a node can see and every broadcast of the run, twice over: an id
     * evicted too early would let its packet be accepted again and flooded a second time. Sized
     * to need, because each id costs 36 bytes per node whether used or not (the default 131,072
     * ids would take 47 GB for 10,000 nodes).
     */
    static int defaultSeenCapacity(int nodes, int degree, int announceTtl, int broadcasts) {
        long announcers = nodes;
        if (announceTtl > 0) {
            // At most degree * (degree - 1)^(k - 1) nodes are k hops away.
            long ring = degree;
            long within = 0;
            for (int k = 1; k <= announceTtl && within < nodes; k++) {
                within += ring;
                ring *= Math.max(1, degree - 1);
            }
            announcers = Math.min(nodes, within);
        }
        return (int) Math.max(1024, 2 * (announcers + broadcasts));
    }

    /**
     * Parses {@code --name value} pairs and the {@code --virtual-time} flag; {@code --json} is
     * returned by {@link #jsonFile}.
     */
    static SimOptions parse(String[] args) {
        int nodes = 1000;
        int degree = 4;
        int broadcasts = 20;
        long seed = 1;
        int announceTtl = 0;
        int window = 32;
        Integer seen = null;
        long deadline = 600;
        SecurityProfile profile = SecurityProfile.SECURE;
        boolean virtual = false;
        Long latencyMillis = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException("help");
            }
            if (name.equals("--virtual-time")) {
                virtual = true; // a flag: it takes no value
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--nodes" -> nodes = Integer.parseInt(value);
                case "--degree" -> degree = Integer.parseInt(value);
                case "--broadcasts" -> broadcasts = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--announce-ttl" -> announceTtl = Integer.parseInt(value);
                case "--dial-window" -> window = Integer.parseInt(value);
                case "--seen-capacity" -> seen = Integer.parseInt(value);
                case "--deadline-seconds" -> deadline = Long.parseLong(value);
                case "--latency-ms" -> latencyMillis = Long.parseLong(value);
                case "--profile" -> profile = switch (value) {
                    case "secure" -> SecurityProfile.SECURE;
                    case "open" -> SecurityProfile.OPEN;
                    default -> throw new IllegalArgumentException(
                            "--profile must be secure or open, not '" + value + "'");
                };
                case "--json" -> { } // read by jsonFile
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new SimOptions(nodes, degree, broadcasts, seed, announceTtl, window,
                seen != null ? seen
                        : defaultSeenCapacity(nodes, degree, announceTtl, broadcasts),
                Duration.ofSeconds(deadline), Duration.ofMillis(1000), profile, virtual,
                latencyMillis != null ? Duration.ofMillis(latencyMillis)
                        : virtual ? VIRTUAL_LATENCY : Duration.ZERO);
    }

    /** The value of {@code --json}, or null. */
    static String jsonFile(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--json")) {
                return args[i + 1];
            }
        }
        return null;
    }
}
