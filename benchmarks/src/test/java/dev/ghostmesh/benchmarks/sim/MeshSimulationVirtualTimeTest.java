package dev.ghostmesh.benchmarks.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.SecurityProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mesh simulation in virtual time: every node on one host-driven loop group over a manual
 * clock, run by the test's thread. What is asserted are the figures the run recorded, never how
 * long the test took: with every hop taking exactly the network's latency and the nodes' work
 * taking no virtual time, a broadcast's first copies travel the shortest paths and the last node
 * is reached at (eccentricity x latency), to the nanosecond.
 */
class MeshSimulationVirtualTimeTest {
    private static final Duration LATENCY = Duration.ofMillis(10);

    private static SimOptions options(int nodes, int broadcasts, long seed, int dialWindow,
            Duration latency) {
        return new SimOptions(nodes, 4, broadcasts, seed, 2, dialWindow,
                SimOptions.defaultSeenCapacity(nodes, 4, 2, broadcasts), Duration.ofHours(1),
                Duration.ofMillis(500), SecurityProfile.SECURE, true, latency);
    }

    private static SimResult run(SimOptions options) throws Exception {
        SimResult result = MeshSimulation.run(options, System.out);
        System.out.print(result.table());
        System.out.println(result.json());
        return result;
    }

    @Test
    void everyBroadcastReachesEveryNodeExactlyOnceAtTheVirtualInstantTheShortestPathTakes()
            throws Exception {
        SimOptions options = options(150, 5, 1, 32, LATENCY);
        SimResult result = run(options);

        assertEquals(100.0, result.deliveryPercent(), result::table);
        assertEquals(0, result.unexpectedDeliveries(), "deliveries of nothing that was sent");
        double latencyMillis = LATENCY.toNanos() / 1e6;
        for (SimResult.Broadcast b : result.broadcasts()) {
            assertEquals(149, b.reached(), "every node but the origin, by its own listener");
            assertTrue(b.exactlyOnce(), "each node's listener got it once, the origin never");
            assertTrue(b.accounted(), "frames received = first copies + duplicates dropped");
            assertEquals(b.floodFrames(), b.frames(), "no frame lost: exactly a flood");
            assertEquals(b.shortestMean(), b.hopsMean(), 1e-9, "every first copy came the"
                    + " shortest way: each hop takes the same virtual time");
            assertEquals(b.eccentricity(), b.hopsMax());
            assertEquals(b.eccentricity() * latencyMillis, b.deliveryMillis(), 1e-6,
                    "the farthest node is reached one latency per hop after the send");
            assertEquals(b.deliveryMillis(), b.quietMillis(), 1e-6 + 2 * latencyMillis,
                    "quiet when the last duplicates land, a hop or two after the last delivery");
        }

        SimResult.Virtual virtual = result.virtual();
        assertNotNull(virtual, result::table);
        assertEquals(0, virtual.groupThreads(), "the test's thread ran every node");
        assertEquals(0.0, result.setup().startSeconds(), "starting takes no virtual time");
        // Dials go dialWindow at a time and each needs at least the Noise XX handshake's three
        // messages, one latency each.
        int rounds = (result.links() + options.dialWindow() - 1) / options.dialWindow();
        double handshake = 3 * LATENCY.toNanos() / 1e9;
        assertTrue(result.setup().linkSeconds() >= rounds * handshake, result::table);
        assertTrue(result.setup().settleSeconds() > 0, "presence takes hops to spread");
        assertTrue(virtual.virtualSeconds() >= result.setup().linkSeconds()
                + result.setup().settleSeconds(), result::table);
    }

    @Test
    void aRunIsTheSameInVirtualTimeEveryTimeForOneSeed() throws Exception {
        SimResult first = run(options(60, 3, 7, 8, LATENCY));
        SimResult second = run(options(60, 3, 7, 8, LATENCY));

        assertEquals(first.setup().linkSeconds(), second.setup().linkSeconds());
        assertEquals(first.setup().settleSeconds(), second.setup().settleSeconds());
        assertEquals(first.setup().frames(), second.setup().frames());
        assertEquals(first.virtual().virtualSeconds(), second.virtual().virtualSeconds());
        assertEquals(deterministic(first.broadcasts()), deterministic(second.broadcasts()));
    }

    /** A broadcast's figures that depend only on the seed. */
    private static List<List<Object>> deterministic(List<SimResult.Broadcast> broadcasts) {
        return broadcasts.stream().map(b -> List.<Object>of(b.origin(), b.reached(),
                b.exactlyOnce(), b.hopsMean(), b.hopsMax(), b.frames(), b.duplicatesMean(),
                b.deliveryMillis(), b.quietMillis())).toList();
    }

    @Test
    void minutesOfVirtualTimePassInSecondsOfWallTime() throws Exception {
        // A slow radio mesh: two seconds per hop, and handshakes four at a time.
        SimResult result = run(options(50, 2, 3, 4, Duration.ofSeconds(2)));

        assertEquals(100.0, result.deliveryPercent(), result::table);
        assertTrue(result.allExactlyOnce(), result::table);
        double virtualSeconds = result.virtual().virtualSeconds();
        assertTrue(virtualSeconds >= 120, "minutes of virtual time: " + virtualSeconds + " s");
        assertTrue(virtualSeconds >= 10 * result.wallSeconds(), result::table);
        assertFalse(Double.isNaN(result.mean(SimResult.Broadcast::deliveryMillis)));
    }

    @Test
    void theVirtualTimeFlagTakesNoValueAndBringsALatency() {
        SimOptions virtual = SimOptions.parse(new String[] {"--virtual-time", "--nodes", "10"});
        assertTrue(virtual.virtualTime());
        assertEquals(10, virtual.nodes());
        assertEquals(SimOptions.VIRTUAL_LATENCY, virtual.latency());
        assertEquals(Duration.ofMillis(3), SimOptions.parse(
                new String[] {"--latency-ms", "3", "--virtual-time"}).latency());
        SimOptions real = SimOptions.parse(new String[0]);
        assertFalse(real.virtualTime());
        assertEquals(Duration.ZERO, real.latency());
    }
}
