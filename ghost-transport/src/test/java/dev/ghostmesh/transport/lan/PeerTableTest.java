package dev.ghostmesh.transport.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerTableTest {
    private static final long INTERVAL = 1_000;
    private final PeerTable table = new PeerTable(3, INTERVAL, 3 * INTERVAL);
    private final NodeId a = Identity.generate().id();
    private final NodeId b = Identity.generate().id();
    private final PeerAddress here = PeerAddress.tcp("10.0.0.1", 6666);

    @Test
    void aPeerIsReportedOnFirstSightThenAtMostOncePerInterval() {
        assertTrue(table.observe(a, here, 0));
        assertFalse(table.observe(a, here, 1));
        assertFalse(table.observe(a, here, INTERVAL - 1));
        assertTrue(table.observe(a, here, INTERVAL));
        assertFalse(table.observe(a, here, INTERVAL + 1));
    }

    @Test
    void idAndAddressTogetherMakeAnEntry() {
        assertTrue(table.observe(a, here, 0));
        assertTrue(table.observe(b, here, 0), "another id at the same address");
        assertTrue(table.observe(a, PeerAddress.tcp("10.0.0.1", 6667), 0), "another port");
        assertEquals(3, table.size());
    }

    @Test
    void repeatsRefreshLastSeen() {
        table.observe(a, here, 0);
        table.observe(a, here, 500);
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        List<DiscoveredPeer> peers = table.snapshot(1_500, now);
        assertEquals(List.of(new DiscoveredPeer(a, here, now.minusNanos(1_000))), peers);
    }

    @Test
    void aFullTableEvictsTheLeastRecentlySeen() {
        table.observe(a, addr(1), 0);
        table.observe(a, addr(2), 1);
        table.observe(a, addr(3), 2);
        table.observe(a, addr(1), 3); // seen again: now the most recent
        assertTrue(table.observe(a, addr(4), 4));
        assertEquals(3, table.size());
        List<PeerAddress> left = table.snapshot(5, Instant.EPOCH).stream()
                .map(DiscoveredPeer::address).toList();
        assertEquals(List.of(addr(3), addr(1), addr(4)), left);
        for (int i = 5; i < 1000; i++) {
            table.observe(NodeId.of(java.nio.ByteBuffer.allocate(16).putInt(i).array()), addr(i),
                    i);
            assertTrue(table.size() <= 3);
        }
    }

    @Test
    void entriesExpireAfterThreeSilentIntervals() {
        table.observe(a, addr(1), 0);
        table.observe(b, addr(2), INTERVAL);
        table.expire(3 * INTERVAL - 1);
        assertEquals(2, table.size());
        table.expire(3 * INTERVAL);
        assertEquals(1, table.size());
        table.expire(4 * INTERVAL);
        assertEquals(0, table.size());
        assertTrue(table.observe(a, addr(1), 4 * INTERVAL), "an expired peer is new again");
    }

    private static PeerAddress addr(int n) {
        return PeerAddress.tcp("10.0.0." + n, 6666);
    }
}
