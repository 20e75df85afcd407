package dev.ghostmesh.benchmarks.baseline;

import dev.ghostmesh.benchmarks.baseline.RawRelayBaseline.Topology;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The links of a {@link Topology} and the hop counts from the source. A mesh is a seeded random
 * spanning tree (so it is connected) topped up with random links until every node has at least
 * {@code degree}, preferring partners still below {@code degree}; tree hubs and the last nodes
 * topped up may end up with a few more.
 *
 * <p>Threading: stateless; safe from any thread.
 */
final class TopologyGraph {
    private TopologyGraph() {}

    /** Each link once, as {lower index, higher index}, in a deterministic order. */
    static int[][] edges(Topology t) {
        int n = t.nodes();
        List<int[]> edges = new ArrayList<>();
        if (t.kind().equals(Topology.CHAIN)) {
            for (int i = 0; i + 1 < n; i++) {
                edges.add(new int[] {i, i + 1});
            }
            return edges.toArray(new int[0][]);
        }
        Random random = new Random(t.seed());
        boolean[][] linked = new boolean[n][n];
        int[] degree = new int[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        for (int k = 1; k < n; k++) {
            link(edges, linked, degree, order[k], order[random.nextInt(k)]);
        }
        int[] candidates = new int[n];
        for (int k = 0; k < n; k++) {
            int u = order[k];
            while (degree[u] < t.degree()) {
                // Prefer partners with room; when none is left, take a full one rather than
                // leave u short (degree < nodes, so some node is always free to link).
                int count = partners(u, linked, degree, t.degree(), candidates);
                if (count == 0) {
                    count = partners(u, linked, degree, Integer.MAX_VALUE, candidates);
                }
                link(edges, linked, degree, u, candidates[random.nextInt(count)]);
            }
        }
        edges.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0])
                : Integer.compare(a[1], b[1]));
        return edges.toArray(new int[0][]);
    }

    private static int partners(int u, boolean[][] linked, int[] degree, int below,
            int[] into) {
        int count = 0;
        for (int v = 0; v < linked.length; v++) {
            if (v != u && !linked[u][v] && degree[v] < below) {
                into[count++] = v;
            }
        }
        return count;
    }

    private static void link(List<int[]> edges, boolean[][] linked, int[] degree, int u, int v) {
        linked[u][v] = true;
        linked[v][u] = true;
        degree[u]++;
        degree[v]++;
        edges.add(new int[] {Math.min(u, v), Math.max(u, v)});
    }

    /** Breadth-first hop count from node 0 to every node (-1 where unreachable). */
    static int[] hopsFromSource(Topology t) {
        int n = t.nodes();
        List<List<Integer>> neighbours = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            neighbours.add(new ArrayList<>());
        }
        for (int[] e : edges(t)) {
            neighbours.get(e[0]).add(e[1]);
            neighbours.get(e[1]).add(e[0]);
        }
        int[] hops = new int[n];
        Arrays.fill(hops, -1);
        hops[0] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(0);
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int v : neighbours.get(u)) {
                if (hops[v] < 0) {
                    hops[v] = hops[u] + 1;
                    queue.add(v);
                }
            }
        }
        return hops;
    }

    /** The node farthest from the source in hops; ties go to the highest index. */
    static int farthest(Topology t) {
        int[] hops = hopsFromSource(t);
        int best = 0;
        for (int i = 0; i < hops.length; i++) {
            if (hops[i] >= hops[best]) {
                best = i;
            }
        }
        return best;
    }
}
