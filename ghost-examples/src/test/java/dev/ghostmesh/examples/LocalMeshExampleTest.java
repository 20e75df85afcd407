package dev.ghostmesh.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LocalMeshExampleTest {
    @Test
    void fiftyNodesGetEveryBroadcastOnceAndDropExactlyTheDuplicatesFloodingPredicts()
            throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LocalMeshExample.Figures f = LocalMeshExample.run(
                new LocalMeshExample.Settings(50, 20, 2, 1, 0),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(20 * 49, f.expected());
        assertEquals(f.expected(), f.delivered(), printed);
        assertEquals(0, f.duplicatesShown(), printed);
        // 97 links: node 1 dials node 0, the 48 others two earlier nodes each.
        assertEquals(97, f.links());
        assertEquals(20 * 2 * (97 - 49), f.duplicatesPredicted());
        assertEquals(f.duplicatesPredicted(), f.duplicatesDropped(), printed);
        assertEquals(0, f.hopsBelowShortest(), printed);
        assertTrue(f.averageHops() >= f.averageShortest(), printed);
        assertTrue(f.maxHops() <= 16, "beyond the default TTL: " + printed);
        assertTrue(f.allDeliveredMillis() >= f.maxMillis(), printed);

        assertTrue(printed.startsWith("50 nodes, 97 links (each dials 2 earlier nodes, seed 1),"
                + " latency 0 ms: mesh formed in "), printed);
        assertTrue(printed.contains("\ndelivered: 980/980 (100.0%), shown twice: 0\n"), printed);
        assertTrue(printed.contains("\nduplicates dropped: 1920 (flooding predicts 1920: "),
                printed);
        assertTrue(Pattern.compile("\nhops: average \\d\\.\\d\\d, max " + f.maxHops()
                + " \\(shortest paths: average \\d\\.\\d\\d, max " + f.maxShortest()
                + "\\); fewer than the shortest: 0\n").matcher(printed).find(), printed);
        assertTrue(Pattern.compile("\ntime: all delivered \\d+ ms after the first send; per"
                + " broadcast median \\d+ ms, max \\d+ ms\n").matcher(printed).find(), printed);
    }

    @Test
    void aTreeWithLatencyDeliversOverTheOnlyPathsWithoutDuplicates() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LocalMeshExample.Figures f = LocalMeshExample.run(
                new LocalMeshExample.Settings(12, 5, 1, 7, 2),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(11, f.links());
        assertEquals(5 * 11, f.delivered(), printed);
        assertEquals(0, f.duplicatesPredicted());
        assertEquals(0, f.duplicatesDropped(), printed);
        // In a tree the only path is the shortest one.
        assertEquals(f.averageShortest(), f.averageHops(), 1e-9, printed);
        assertEquals(f.maxShortest(), f.maxHops(), printed);
        // Each hop costs at least the network's 2 ms.
        assertTrue(f.maxMillis() >= 2L * f.maxShortest(), printed);
    }
}
