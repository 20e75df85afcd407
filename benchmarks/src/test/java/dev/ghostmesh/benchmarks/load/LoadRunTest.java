package dev.ghostmesh.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.SecurityProfile;
import dev.ghostmesh.benchmarks.baseline.RawRelayBaseline;
import dev.ghostmesh.benchmarks.load.LoadOptions.PayloadKind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A small load run through real nodes on TCP loopback, in each profile and verification mode:
 * every message reaches the tail exactly once, and the figures the tool reports are consistent
 * with what was sent (the speed itself is measured by the tool, never asserted here).
 */
class LoadRunTest {
    @ParameterizedTest
    @CsvSource({"SECURE, true", "SECURE, false", "OPEN, true"})
    void aFourNodeChainDeliversEveryMessageOnceAndReportsConsistentFigures(
            SecurityProfile profile, boolean parallel) throws Exception {
        int messages = 300;
        LoadOptions options = new LoadOptions(
                Topology.of(RawRelayBaseline.Topology.chain(4)), messages, 100, 32, 0, false, 50,
                profile, parallel, Duration.ofSeconds(60));
        LoadResult r = new LoadRun(options).run();
        assertEquals(0, r.lost(), "lost");
        assertEquals(0, r.duplicates(), "duplicates");
        assertEquals(messages, r.messages());
        assertTrue(r.tailRate() > 0 && r.totalRate() >= r.tailRate() * 2.9,
                "three receivers get every message: " + r.tailRate() + " / " + r.totalRate());
        assertTrue(r.p50() <= r.p99() && r.p99() <= r.max(), r.row());
        // A 100-byte broadcast is about 200 bytes on the wire, more with a signature and the
        // link cipher's tag: each delivery costs one hop.
        double expectedMin = profile == SecurityProfile.SECURE ? 250 : 150;
        assertTrue(r.wireBytesPerDelivery() >= expectedMin && r.wireBytesPerDelivery() < 400,
                "wire bytes per delivery " + r.wireBytesPerDelivery());
        assertTrue(r.system().contains(profile.name().toLowerCase()), r.system());
    }

    @ParameterizedTest
    @CsvSource({"SECURE", "OPEN"})
    void publishedBytesReachTheSubscribedTailOnceEachAndCrossEveryHop(SecurityProfile profile)
            throws Exception {
        int messages = 300;
        LoadOptions options = new LoadOptions(
                Topology.of(RawRelayBaseline.Topology.chain(4)), messages, 100, 32, 0, false, 50,
                profile, true, Duration.ofSeconds(60), PayloadKind.BYTES);
        LoadResult r = new LoadRun(options).run();
        assertEquals(0, r.lost(), "lost");
        assertEquals(0, r.duplicates(), "duplicates");
        assertTrue(r.system().contains("topic bytes"), r.system());
        // The tail is the only subscriber: its deliveries are all the deliveries.
        assertEquals(r.tailRate(), r.totalRate(), r.tailRate() * 0.05, r.row());
        assertTrue(r.p50() > 0 && r.p50() <= r.p99() && r.p99() <= r.max(), r.row());
        assertTrue(r.perHopP50() * 3 <= r.p50() + 3, "three hops to the tail: " + r.row());
        // Each message crosses three links with its 100 bytes and the packet around them.
        assertTrue(r.wireBytesPerDelivery() > 3 * 100 && r.wireBytesPerDelivery() < 3 * 400,
                "wire bytes per delivery " + r.wireBytesPerDelivery());
    }

    @Test
    void thePayloadKindIsTextUnlessToldBytesAndBytesSendsFromOneNodeWithRoomForItsNumber() {
        RawRelayBaseline.Topology chain = RawRelayBaseline.Topology.chain(10);
        LoadOptions text = LoadTool.options(LoadTool.parse(new String[] {"--bytes", "100"}),
                chain);
        assertEquals(PayloadKind.TEXT, text.payload());
        LoadOptions bytes = LoadTool.options(LoadTool.parse(new String[] {
            "--payload-kind", "bytes", "--bytes", "100", "--rate", "100"}), chain);
        assertEquals(PayloadKind.BYTES, bytes.payload());
        assertEquals(100, bytes.bytes());
        assertEquals(100.0, bytes.rate());
        assertEquals(10, bytes.topology().nodes());
        assertThrows(IllegalArgumentException.class, () -> LoadTool.options(
                Map.of("payload-kind", "json"), chain));
        assertThrows(IllegalArgumentException.class, () -> LoadTool.options(
                Map.of("payload-kind", "bytes", "from", "all"), chain));
        assertThrows(IllegalArgumentException.class, () -> LoadTool.options(
                Map.of("payload-kind", "bytes", "bytes", "3"), chain));
    }
}
