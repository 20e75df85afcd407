package dev.ghostmesh.benchmarks.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The measurement behind the README's verdict on {@code pruneTopics}, in a 30-node mesh in
 * virtual time: flooded, every publish costs a whole flood whoever subscribes; pruned, a topic
 * with one subscriber costs its route, every subscriber still gets every message exactly once,
 * and a subscriber whose announce has not arrived yet gets nothing.
 */
class TopicPruningFramesTest {
    private static final int NODES = 30;

    @Test
    void pruningCutsSparseTopicsToTheirRoutesButMissesAFreshSubscriber() throws Exception {
        List<TopicPruningFrames.Row> flood = TopicPruningFrames.run(NODES, 4, 3, 3, false,
                System.out);
        List<TopicPruningFrames.Row> prune = TopicPruningFrames.run(NODES, 4, 3, 3, true,
                System.out);
        flood.forEach(r -> System.out.println(r.line()));
        prune.forEach(r -> System.out.println(r.line()));
        int[] counts = TopicPruningFrames.subscriberCounts(NODES);
        assertArrayEquals(new int[] {1, 5, 15, 20, 29}, counts);
        long floodFrames = 2L * 60 - (NODES - 1); // 30 nodes of degree 4: 60 links
        for (int t = 0; t < counts.length; t++) {
            assertTrue(flood.get(t).exactlyOnce() && prune.get(t).exactlyOnce(),
                    "every subscriber got every publish once: " + flood.get(t) + prune.get(t));
            assertEquals(floodFrames, flood.get(t).framesMean(), 0.0, flood.get(t).line());
            assertTrue(prune.get(t).framesMean() <= floodFrames, prune.get(t).line());
        }
        assertTrue(prune.get(0).framesMean() * 10 < floodFrames,
                "one subscriber: its route, not the mesh: " + prune.get(0).line());
        TopicPruningFrames.Row freshFlood = flood.get(counts.length);
        TopicPruningFrames.Row freshPrune = prune.get(counts.length);
        assertEquals(1.0, freshFlood.deliveredShare(), freshFlood.line());
        assertEquals(0.0, freshPrune.deliveredShare(), freshPrune.line());
    }
}
