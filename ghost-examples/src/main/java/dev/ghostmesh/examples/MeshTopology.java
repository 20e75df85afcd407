package dev.ghostmesh.examples;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;

/**
 * The links of the {@link LocalMeshExample}'s mesh: node {@code i} links to {@code k} distinct
 * random earlier nodes (all of them while {@code i <= k}), so the mesh is connected and, for
 * {@code k >= 2}, full of cycles, where flooding produces duplicates.
 *
 * <p>Threading: immutable after construction.
 */
final class MeshTopology {
    /** One link, dialed by {@code from} to the earlier node {@code to}. */
    record Link(int from, int to) {}

    private final int nodes;
    private final List<Link> links = new ArrayList<>();
    private final List<List<Integer>> neighbours = new ArrayList<>();

    MeshTopology(int nodes, int linksPerNode, long seed) {
        this.nodes = nodes;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < nodes; i++) {
            neighbours.add(new ArrayList<>());
        }
        for (int i = 1; i < nodes; i++) {
            List<Integer> earlier = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                earlier.add(j);
            }
            for (int n = 0; n < Math.min(i, linksPerNode); n++) {
                int to = earlier.remove(random.nextInt(earlier.size()));
                links.add(new Link(i, to));
                neighbours.get(i).add(to);
                neighbours.get(to).add(i);
            }
        }
    }

    List<Link> links() {
        return List.copyOf(links);
    }

    /** Hops on the shortest path from {@code origin} to every node (breadth-first search). */
    int[] distancesFrom(int origin) {
        int[] distance = new int[nodes];
        Arrays.fill(distance, -1);
        distance[origin] = 0;
        Queue<Integer> frontier = new ArrayDeque<>(List.of(origin));
        while (!frontier.isEmpty()) {
            int node = frontier.remove();
            for (int next : neighbours.get(node)) {
                if (distance[next] < 0) {
                    distance[next] = distance[node] + 1;
                    frontier.add(next);
                }
            }
        }
        return distance;
    }

    /**
     * Copies of one broadcast that arrive at a node which already has it. The origin sends to
     * each of its links, every other node forwards once to all its links but the one the
     * broadcast came by: 2L - (N - 1) copies for N - 1 first arrivals.
     */
    long duplicatesPerBroadcast() {
        return 2L * links.size() - 2L * (nodes - 1);
    }
}
