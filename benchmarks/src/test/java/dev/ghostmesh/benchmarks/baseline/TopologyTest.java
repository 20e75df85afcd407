package dev.ghostmesh.benchmarks.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.benchmarks.baseline.RawRelayBaseline.Topology;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopologyTest {

    @Test
    void chainLinksNeighboursAndMeasuresAtTheTail() {
        Topology chain = Topology.chain(10);
        int[][] edges = chain.edges();
        assertEquals(9, edges.length);
        for (int i = 0; i < edges.length; i++) {
            assertArrayEquals(new int[] {i, i + 1}, edges[i]);
        }
        assertEquals(9, chain.farthestNode());
        assertEquals(9, chain.hopsToFarthest());
    }

    @Test
    void meshIsConnectedSimpleAndGivesEveryNodeItsDegree() {
        for (long seed = 0; seed < 50; seed++) {
            Topology mesh = Topology.mesh(20, 3, seed);
            int[] degree = new int[20];
            Set<Long> seen = new HashSet<>();
            for (int[] e : mesh.edges()) {
                assertTrue(e[0] < e[1], "no self-links, lower index first");
                assertTrue(seen.add(e[0] * 100L + e[1]), "no link twice");
                degree[e[0]]++;
                degree[e[1]]++;
            }
            int[] hops = TopologyGraph.hopsFromSource(mesh);
            for (int node = 0; node < 20; node++) {
                assertTrue(hops[node] >= 0, "node " + node + " reachable, seed " + seed);
                assertTrue(degree[node] >= 3, "node " + node + " has its degree, seed " + seed);
            }
            long exact = Arrays.stream(degree).filter(d -> d == 3).count();
            assertTrue(exact >= 10, "seed " + seed + ": most nodes have exactly degree 3");
        }
    }

    @Test
    void sameSeedSameMeshOtherSeedOtherMesh() {
        assertArrayEquals(Topology.mesh(12, 3, 5).edges(), Topology.mesh(12, 3, 5).edges());
        assertFalse(Arrays.deepEquals(Topology.mesh(12, 3, 5).edges(),
                Topology.mesh(12, 3, 6).edges()));
    }

    @Test
    void farthestNodeHasTheMostHopsAndTiesGoToTheHighestIndex() {
        Topology mesh = Topology.mesh(16, 2, 3);
        int[] hops = TopologyGraph.hopsFromSource(mesh);
        int farthest = mesh.farthestNode();
        for (int node = 0; node < hops.length; node++) {
            assertTrue(hops[node] < hops[farthest]
                    || (hops[node] == hops[farthest] && node <= farthest));
        }
        assertEquals(hops[farthest], mesh.hopsToFarthest());
    }
}
