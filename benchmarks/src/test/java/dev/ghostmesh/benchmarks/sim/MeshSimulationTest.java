package dev.ghostmesh.benchmarks.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.SecurityProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The mesh simulation in small: 200 real nodes of degree 4, 5 broadcasts, announces travelling
 * two hops as in the documented 10,000-node run. The figures are printed (see
 * target/surefire-reports); only correctness is asserted.
 */
class MeshSimulationTest {
    @Test
    void everyBroadcastReachesEveryNodeExactlyOnceAndEveryFrameIsAccountedFor()
            throws Exception {
        SimOptions options = new SimOptions(200, 4, 5, 1, 2, 32,
                SimOptions.defaultSeenCapacity(200, 4, 2, 5), Duration.ofSeconds(60),
                Duration.ofMillis(500), SecurityProfile.SECURE, false, Duration.ZERO);
        SimResult result = MeshSimulation.run(options, System.out);
        System.out.print(result.table());
        System.out.println(result.json());

        assertEquals(100.0, result.deliveryPercent(), result::table);
        assertNull(result.virtual(), "a real-time run");
        assertEquals(0, result.unexpectedDeliveries(), "deliveries of nothing that was sent");
        assertEquals(5, result.broadcasts().size());
        for (SimResult.Broadcast b : result.broadcasts()) {
            assertEquals(199, b.reached(), "every node but the origin, by its own listener");
            assertTrue(b.exactlyOnce(), "each node's listener got it once, the origin never");
            assertTrue(b.accounted(), "frames received = first copies + duplicates dropped");
            assertTrue(b.frames() <= b.floodFrames(), "no more frames than a flood sends");
            assertTrue(b.hopsMean() >= b.shortestMean(), "no copy beats the shortest path");
        }
    }

    @Test
    void theProfileOptionPicksTheNodesSecurityProfile() {
        assertEquals(SecurityProfile.SECURE, SimOptions.parse(new String[0]).profile());
        assertEquals(SecurityProfile.OPEN,
                SimOptions.parse(new String[] {"--profile", "open"}).profile());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SimOptions.parse(new String[] {"--profile", "fast"}));
    }
}
