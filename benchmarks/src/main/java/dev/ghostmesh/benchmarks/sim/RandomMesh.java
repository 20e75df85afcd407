package dev.ghostmesh.benchmarks.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded random mesh in which every node has exactly {@code degree} links: the union of
 * {@code degree / 2} random Hamiltonian cycles (plus, for an odd degree, a random perfect
 * matching). The first cycle makes it connected by construction; a cycle or matching that would
 * repeat a link is drawn again, so there are no parallel links.
 *
 * <p>Threading: immutable after {@link #build}; safe to share.
 */
final class RandomMesh {
    private static final int MAX_DRAWS = 10_000;

    private final int nodes;
    private final List<int[]> links;
    private final int[][] neighbours;

    private RandomMesh(int nodes, List<int[]> links) {
        this.nodes = nodes;
        this.links = List.copyOf(links);
        int[] degrees = new int[nodes];
        for (int[] l : links) {
            degrees[l[0]]++;
            degrees[l[1]]++;
        }
        this.neighbours = new int[nodes][];
        for (int i = 0; i < nodes; i++) {
            neighbours[i] = new int[degrees[i]];
        }
        int[] filled = new int[nodes];
        for (int[] l : links) {
            neighbours[l[0]][filled[l[0]]++] = l[1];
            neighbours[l[1]][filled[l[1]]++] = l[0];
        }
    }

    /**
     * Builds the mesh.
     *
     * @throws IllegalArgumentException if {@code degree} is not in [2, nodes - 1], if an odd
     *     degree is asked of an odd number of nodes, or if no such mesh was found
     */
    static RandomMesh build(int nodes, int degree, long seed) {
        if (nodes < 3 || degree < 2 || degree > nodes - 1) {
            throw new IllegalArgumentException("need 3+ nodes and a degree in [2, nodes - 1]; got "
                    + nodes + " nodes, degree " + degree);
        }
        if (degree % 2 == 1 && nodes % 2 == 1) {
            throw new IllegalArgumentException("an odd degree needs an even number of nodes");
        }
        SplittableRandom random = new SplittableRandom(seed);
        Set<Long> present = new HashSet<>();
        List<int[]> links = new ArrayList<>();
        for (int round = 0; round < degree / 2; round++) {
            links.addAll(draw(nodes, random, present, true));
        }
        if (degree % 2 == 1) {
            links.addAll(draw(nodes, random, present, false));
        }
        return new RandomMesh(nodes, links);
    }

    /** One random cycle (or perfect matching) over all nodes that repeats no existing link. */
    private static List<int[]> draw(int nodes, SplittableRandom random, Set<Long> present,
            boolean cycle) {
        for (int attempt = 0; attempt < MAX_DRAWS; attempt++) {
            int[] order = permutation(nodes, random);
            List<int[]> drawn = new ArrayList<>(nodes);
            Set<Long> keys = new HashSet<>();
            boolean clash = false;
            int step = cycle ? 1 : 2;
            for (int i = 0; i < nodes && !clash; i += step) {
                int a = order[i];
                int b = order[(i + 1) % nodes];
                long key = key(a, b, nodes);
                clash = present.contains(key) || !keys.add(key);
                drawn.add(new int[] {Math.min(a, b), Math.max(a, b)});
            }
            if (!clash) {
                present.addAll(keys);
                return drawn;
            }
        }
        throw new IllegalArgumentException("no random mesh of this degree found in "
                + MAX_DRAWS + " draws; use more nodes or a lower degree");
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static long key(int a, int b, int nodes) {
        return (long) Math.min(a, b) * nodes + Math.max(a, b);
    }

    int nodes() {
        return nodes;
    }

    /** Every link once, as {@code {lower, higher}} node indexes. */
    List<int[]> links() {
        return links;
    }

    int degree(int node) {
        return neighbours[node].length;
    }

    /** Hop distance from {@code origin} to every node (breadth-first); -1 if unreachable. */
    int[] distancesFrom(int origin) {
        int[] distance = new int[nodes];
        Arrays.fill(distance, -1);
        distance[origin] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(origin);
        while (!queue.isEmpty()) {
            int at = queue.poll();
            for (int next : neighbours[at]) {
                if (distance[next] < 0) {
                    distance[next] = distance[at] + 1;
                    queue.add(next);
                }
            }
        }
        return distance;
    }
}
