package dev.ghostmesh.benchmarks.sim;

import java.time.Duration;

/**
 * The settings of one simulation run, from the command line or a test.
 *
 * @param nodes how many nodes
 * @param degree links per node
 * @param broadcasts how many broadcasts, one at a time, each from a random node
 * @param seed seeds the mesh, the node identities and the choice of origins
 * @param dialWindow link handshakes in flight at once while the mesh is built
 * @param seenCapacity each node's seen-cache capacity (ids of packets it has seen)
 * @param deadline how long one phase (linking, settling, one broadcast) may take
 * @param quietPeriod how long the mesh must stay still to count as settled
 *
 * <p>Threading: immutable.
 */
record SimOptions(int nodes, int degree, int broadcasts, long seed, int dialWindow,
        int seenCapacity, Duration deadline, Duration quietPeriod) {
    static final String USAGE = """
            usage: MeshSimulation [--nodes N] [--degree D] [--broadcasts B] [--seed S]
                                  [--dial-window W] [--seen-capacity C] [--deadline-seconds T]
                                  [--json FILE]
              defaults: 1000 nodes, degree 4, 20 broadcasts, seed 1, 32 handshakes in flight,
                        seen capacity 2 x (nodes + broadcasts) (at least 1024), 600 s per phase""";

    /** Checks the values. */
    SimOptions {
        if (nodes < 3 || broadcasts < 1 || dialWindow < 1 || seenCapacity < 16) {
            throw new IllegalArgumentException("need nodes >= 3, broadcasts >= 1, dial window"
                    + " >= 1 and seen capacity >= 16");
        }
        if (deadline.isNegative() || deadline.isZero() || quietPeriod.isNegative()) {
            throw new IllegalArgumentException("deadline must be positive");
        }
    }

    /** Defaults for the given size. */
    static SimOptions of(int nodes, int degree, int broadcasts, long seed) {
        return new SimOptions(nodes, degree, broadcasts, seed, 32,
                defaultSeenCapacity(nodes, broadcasts), Duration.ofSeconds(600),
                Duration.ofMillis(1000));
    }

    /**
     * Room for every announce and broadcast of the run twice over: an id evicted too early
     * would let its packet be accepted again and flooded a second time.
     */
    static int defaultSeenCapacity(int nodes, int broadcasts) {
        return Math.max(1024, 2 * (nodes + broadcasts));
    }

    /** Parses {@code --name value} pairs; {@code --json} is returned by {@link #jsonFile}. */
    static SimOptions parse(String[] args) {
        int nodes = 1000;
        int degree = 4;
        int broadcasts = 20;
        long seed = 1;
        int window = 32;
        Integer seen = null;
        long deadline = 600;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException("help");
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
                case "--dial-window" -> window = Integer.parseInt(value);
                case "--seen-capacity" -> seen = Integer.parseInt(value);
                case "--deadline-seconds" -> deadline = Long.parseLong(value);
                case "--json" -> { } // read by jsonFile
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new SimOptions(nodes, degree, broadcasts, seed, window,
                seen != null ? seen : defaultSeenCapacity(nodes, broadcasts),
                Duration.ofSeconds(deadline), Duration.ofMillis(1000));
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
