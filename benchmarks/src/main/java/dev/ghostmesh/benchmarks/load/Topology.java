package dev.ghostmesh.benchmarks.load;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Which node links to which: a chain, or a seeded random connected mesh in which every node
 * has about {@code degree} links (a random spanning tree first, so it is connected, then random
 * extra edges between nodes that still have room).
 *
 * <p>Threading: immutable once built.
 *
 * @param edges each pair once, {@code [a, b]} with the dialer first
 */
public record Topology(String kind, int nodes, int degree, long seed, List<int[]> edges) {
    /** The same graph as the raw-relay baseline's, edge for edge. */
    public static Topology of(dev.ghostmesh.benchmarks.baseline.RawRelayBaseline.Topology raw) {
        List<int[]> edges = new ArrayList<>();
        for (int[] e : raw.edges()) {
            edges.add(new int[] {e[0], e[1]});
        }
        return new Topology(raw.kind(), raw.nodes(), raw.degree(), raw.seed(),
                List.copyOf(edges));
    }

    /** A chain 0 - 1 - ... - (n-1). */
    public static Topology chain(int nodes) {
        List<int[]> edges = new ArrayList<>();
        for (int i = 1; i < nodes; i++) {
            edges.add(new int[] {i, i - 1});
        }
        return new Topology("chain", nodes, 2, 0, List.copyOf(edges));
    }

    /** A random connected mesh of about {@code degree} links per node, from {@code seed}. */
    public static Topology mesh(int nodes, int degree, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Set<Integer>> adjacent = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            adjacent.add(new LinkedHashSet<>());
        }
        List<int[]> edges = new ArrayList<>();
        for (int i = 1; i < nodes; i++) {
            int j = random.nextInt(i);
            adjacent.get(i).add(j);
            adjacent.get(j).add(i);
            edges.add(new int[] {i, j});
        }
        int attempts = nodes * degree * 20;
        while (attempts-- > 0) {
            int a = random.nextInt(nodes);
            int b = random.nextInt(nodes);
            if (a == b || adjacent.get(a).size() >= degree || adjacent.get(b).size() >= degree
                    || adjacent.get(a).contains(b)) {
                continue;
            }
            adjacent.get(a).add(b);
            adjacent.get(b).add(a);
            edges.add(new int[] {a, b});
        }
        return new Topology("mesh", nodes, degree, seed, List.copyOf(edges));
    }

    /** Hop counts from {@code source} to every node (breadth-first). */
    public int[] hopsFrom(int source) {
        List<List<Integer>> adjacent = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            adjacent.add(new ArrayList<>());
        }
        for (int[] e : edges) {
            adjacent.get(e[0]).add(e[1]);
            adjacent.get(e[1]).add(e[0]);
        }
        int[] hops = new int[nodes];
        java.util.Arrays.fill(hops, -1);
        hops[source] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(source));
        while (!queue.isEmpty()) {
            int n = queue.poll();
            for (int m : adjacent.get(n)) {
                if (hops[m] < 0) {
                    hops[m] = hops[n] + 1;
                    queue.add(m);
                }
            }
        }
        return hops;
    }

    /** The node farthest from {@code source} (the highest index among ties). */
    public int farthestFrom(int source) {
        int[] hops = hopsFrom(source);
        int best = source;
        for (int i = 0; i < nodes; i++) {
            if (hops[i] >= hops[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return kind.equals("chain") ? nodes + "-node chain"
                : nodes + "-node mesh (degree " + degree + ", seed " + seed + ")";
    }
}
