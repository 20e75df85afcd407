package dev.ghostmesh.benchmarks.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.benchmarks.baseline.BaselineRun.Report;
import dev.ghostmesh.benchmarks.baseline.RawRelayBaseline.Result;
import dev.ghostmesh.benchmarks.baseline.RawRelayBaseline.Threading;
import dev.ghostmesh.benchmarks.baseline.RawRelayBaseline.Topology;
import org.junit.jupiter.api.Test;

/** Correctness of the baseline over real loopback TCP; no performance is asserted. */
class RawRelayBaselineTest {
    private static final int MESSAGES = 2_000;
    private static final int BYTES = 100;
    private static final int FRAME = 4 + BYTES;

    @Test
    void chainOfThreeDeliversEveryMessageAtEveryRelayExactlyOnce() throws Exception {
        Topology chain = Topology.chain(3);
        Report report = BaselineRun.execute(chain, MESSAGES, BYTES, 64, 0,
                Threading.SHARED_SELECTOR);
        assertEveryRelayTookEveryMessageOnce(report, chain);
        // One link crossed per delivery in a chain.
        assertEquals(FRAME, report.result().wireBytesPerDelivered(), 1e-9);
    }

    @Test
    void meshOfSixFloodsEveryMessageToEveryRelayExactlyOnce() throws Exception {
        Topology mesh = Topology.mesh(6, 3, 42);
        Report report = BaselineRun.execute(mesh, MESSAGES, BYTES, 64, 0,
                Threading.SHARED_SELECTOR);
        assertEveryRelayTookEveryMessageOnce(report, mesh);
        // The source sends on all its links, every other relay on all links but the one it heard
        // the message on: 2E - (N - 1) crossings for N - 1 deliveries.
        int links = mesh.edges().length;
        int receivers = mesh.nodes() - 1;
        assertEquals((double) FRAME * (2 * links - receivers) / receivers,
                report.result().wireBytesPerDelivered(), 1e-9);
    }

    @Test
    void meshWithOneSelectorPerRelayDeliversEveryMessageExactlyOnce() throws Exception {
        Topology mesh = Topology.mesh(6, 3, 7);
        Report report = BaselineRun.execute(mesh, MESSAGES, BYTES, 16, 0,
                Threading.SELECTOR_PER_RELAY);
        assertEveryRelayTookEveryMessageOnce(report, mesh);
    }

    @Test
    void rateModeDeliversEverythingNoFasterThanThePacerGrants() throws Exception {
        Topology chain = Topology.chain(3);
        int messages = 200;
        double rate = 1_000;
        Report report = BaselineRun.execute(chain, messages, BYTES, 0, rate,
                Threading.SHARED_SELECTOR);
        assertEveryRelayTookEveryMessageOnce(report, chain, messages);
        // The last permit comes (messages - 1) slots after the first.
        double fastestPossible = rate * messages / (messages - 1);
        assertTrue(report.result().tailMessagesPerSecond() <= fastestPossible,
                "tail rate " + report.result().tailMessagesPerSecond());
    }

    @Test
    void framesShorterThanTheHeaderAreSentAsTheHeader() throws Exception {
        Report report = BaselineRun.execute(Topology.chain(2), 100, 0, 8, 0,
                Threading.SHARED_SELECTOR);
        assertEquals(4 + RunPlan.HEADER_BYTES, report.result().wireBytesPerDelivered(), 1e-9);
    }

    @Test
    void badArgumentsFailFast() {
        assertThrows(IllegalArgumentException.class, () -> BaselineRun.execute(
                Topology.chain(3), 10, BYTES, 0, 0, Threading.SHARED_SELECTOR));
        assertThrows(IllegalArgumentException.class, () -> BaselineRun.execute(
                Topology.chain(3), 0, BYTES, 8, 0, Threading.SHARED_SELECTOR));
        assertThrows(IllegalArgumentException.class, () -> new Topology(1, "chain", 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new Topology(5, "ring", 2, 0));
        assertThrows(IllegalArgumentException.class, () -> Topology.mesh(5, 5, 0));
    }

    private static void assertEveryRelayTookEveryMessageOnce(Report report, Topology t) {
        assertEveryRelayTookEveryMessageOnce(report, t, MESSAGES);
    }

    private static void assertEveryRelayTookEveryMessageOnce(Report report, Topology t,
            int messages) {
        Result result = report.result();
        for (int relay = 1; relay < t.nodes(); relay++) {
            assertEquals(messages, report.distinctPerRelay()[relay], "distinct at relay " + relay);
            assertEquals(0, report.duplicatesPerRelay()[relay], "duplicates at relay " + relay);
        }
        assertEquals(0, result.lost());
        assertEquals(0, result.duplicates());
        assertEquals(0, report.faults());
        assertTrue(result.p50Nanos() > 0 && result.p50Nanos() <= result.p99Nanos()
                && result.p99Nanos() <= result.maxNanos(), result.toString());
    }
}
