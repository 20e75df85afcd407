package dev.ghostmesh.benchmarks.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomMeshTest {
    @Test
    void everyNodeHasExactlyTheDegreeWithNoRepeatedLinksAndTheMeshIsConnected() {
        for (int degree : new int[] {2, 3, 4, 7}) {
            RandomMesh mesh = RandomMesh.build(500, degree, 42);
            assertEquals(500 * degree / 2, mesh.links().size());
            Set<Long> seen = new HashSet<>();
            for (int[] l : mesh.links()) {
                assertTrue(l[0] < l[1], "no self-links, lower index first");
                assertTrue(seen.add((long) l[0] * 500 + l[1]), "no repeated link");
            }
            for (int i = 0; i < 500; i++) {
                assertEquals(degree, mesh.degree(i));
            }
            for (int d : mesh.distancesFrom(0)) {
                assertTrue(d >= 0, "every node reachable");
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameMeshAndAnotherSeedAnother() {
        List<int[]> a = RandomMesh.build(300, 4, 1).links();
        List<int[]> b = RandomMesh.build(300, 4, 1).links();
        List<int[]> c = RandomMesh.build(300, 4, 2).links();
        assertEquals(flatten(a), flatten(b));
        assertNotEquals(flatten(a), flatten(c));
    }

    @Test
    void distancesAreBreadthFirstHops() {
        RandomMesh ring = RandomMesh.build(10, 2, 7);
        int[] d = ring.distancesFrom(3);
        assertEquals(0, d[3]);
        int far = 0;
        for (int x : d) {
            far = Math.max(far, x);
        }
        assertEquals(5, far, "a ring of 10 is 5 hops across");
    }

    @Test
    void impossibleMeshesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RandomMesh.build(10, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> RandomMesh.build(9, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> RandomMesh.build(10, 1, 1));
    }

    private static List<String> flatten(List<int[]> links) {
        return links.stream().map(l -> l[0] + "-" + l[1]).toList();
    }
}
