package dev.ghostmesh.transport.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.testing.Await;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Hostile input: a beacon flood from one source, and whether anything is ever answered. */
class LanFloodTest extends LanTestSupport {
    private static final int MAX_PEERS = 16;
    private static final int FLOOD_PER_SECOND = 10_000;
    private static final long FLOOD_NANOS = 1_000_000_000L;
    private static final String FLOODER = "127.0.0.2";

    @Test
    void aFloodFromOneSourceCostsBoundedWorkAndHonestNodesStillMeet() throws Exception {
        DatagramChannel raw = rawSocket(FLOODER);
        InetSocketAddress group = new InetSocketAddress(GROUP, port);
        // Ids are only known once the nodes exist; the flood claims them as soon as they do.
        NodeId[] realIds = {Identity.generate().nodeId(), Identity.generate().nodeId()};
        byte[][] pool = floodBeacons(2048, realIds);
        long floodStart = System.nanoTime();
        Node a = null;
        Node b = null;
        long sent = 0;
        long nodesStarted = 0;
        int largestTable = 0;
        boolean metDuringFlood = false;
        long elapsed;
        // Paced by a deadline: by time t, t * rate datagrams have gone out. The honest nodes
        // start a quarter second into the flood; it lasts at least a second, and on until they
        // have met (at most three).
        while ((elapsed = System.nanoTime() - floodStart) < FLOOD_NANOS
                || !metDuringFlood && elapsed < 3 * FLOOD_NANOS) {
            long due = elapsed * FLOOD_PER_SECOND / 1_000_000_000L;
            for (; sent < due; sent++) {
                raw.send(ByteBuffer.wrap(pool[(int) (sent % pool.length)]), group);
            }
            if (a == null && elapsed >= FLOOD_NANOS / 4) {
                nodesStarted = System.nanoTime();
                a = start(loopback().maxPeers(MAX_PEERS), realIds[0]);
                b = start(loopback().maxPeers(MAX_PEERS), realIds[1]);
            }
            if (a != null) {
                largestTable = Math.max(largestTable, Math.max(a.discovery().peers().size(),
                        b.discovery().peers().size()));
                metDuringFlood |= a.found(b) && b.found(a);
            }
            Thread.sleep(1); // pacing tick, so the sender does not take a whole core
        }
        List<Node> honest = List.of(a, b);
        assertTrue(metDuringFlood, "honest nodes found each other while the flood went on");
        assertTrue(largestTable <= MAX_PEERS, "largest table " + largestTable);
        for (Node n : honest) {
            LanDiscovery.Stats s = n.discovery().stats();
            long reportsFromFlooder = n.context().reportsFrom(FLOODER);
            long reports = n.context().reports().size();
            // Taken after the stats, so every count above fits in this time.
            double seconds = (System.nanoTime() - nodesStarted) / 1e9;
            long perSource = LanDiscovery.SOURCE_BURST
                    + (long) Math.ceil(LanDiscovery.SOURCE_BEACONS_PER_SECOND * seconds) + 1;
            System.out.printf("flood: %d datagrams in %.2f s; %s; %d reports (%d from the "
                    + "flooder, budget %d); largest table %d%n", sent,
                    (System.nanoTime() - floodStart) / 1e9, s, reports, reportsFromFlooder,
                    perSource, largestTable);
            assertTrue(s.beaconsReceived() > 4 * perSource, "the flood reached the node: " + s);
            assertTrue(reportsFromFlooder <= perSource, "flood reports " + reportsFromFlooder);
            // Two sources (the flooder, 127.0.0.1 for the honest nodes) each get one budget;
            // everything else was dropped before it was even decoded.
            assertTrue(reports <= 2 * perSource, reports + " reports");
            assertTrue(s.rateLimited() >= s.beaconsReceived() - 2 * perSource, s.toString());
            assertTrue(n.discovery().peers().size() <= MAX_PEERS);
        }
    }

    @Test
    void beaconsAreNeverAnsweredByUnicast() throws Exception {
        Node a = start();
        Node b = start();
        DatagramChannel raw = rawSocket(FLOODER);
        raw.configureBlocking(false);
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            NodeId id = Identity.generate().nodeId();
            ids.add(id);
            sendToGroup(raw, beacon(id, 10_000 + i));
        }
        sendToGroup(raw, beacon(a.id(), 9)); // claims a's id: a ignores it, b reports it
        sendToGroup(raw, new byte[] {'G', 'H', 'S', 'T'}); // invalid
        Await.until(TIMEOUT, () -> a.context().reportsFrom(FLOODER) == 30
                && b.context().reportsFrom(FLOODER) == 31, "every valid beacon reported");
        // Keep listening across a few beacon rounds of both nodes: nothing may arrive.
        ByteBuffer in = ByteBuffer.allocate(2048);
        long until = System.nanoTime() + 3 * INTERVAL.toNanos();
        long roundsBefore = a.discovery().stats().beaconsSent();
        while (System.nanoTime() < until || a.discovery().stats().beaconsSent() < roundsBefore + 2) {
            assertNull(raw.receive(in), "a datagram came back to the sender's own port");
            Thread.sleep(5); // polling interval
        }
        assertEquals(1, a.discovery().stats().invalid());
        assertTrue(a.discovery().stats().ownIgnored() > 0, "the forged beacon was ignored");
    }

    /** Valid beacons with random ids and ports; every tenth claims a real node's id. */
    private static byte[][] floodBeacons(int count, NodeId[] realIds) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        byte[][] pool = new byte[count][];
        for (int i = 0; i < count; i++) {
            byte[] id = new byte[NodeId.LENGTH];
            r.nextBytes(id);
            NodeId claimed = i % 10 == 0 ? realIds[(i / 10) % realIds.length] : NodeId.of(id);
            pool[i] = beacon(claimed, r.nextInt(1, 65536));
        }
        return pool;
    }
}
