package dev.ghostmesh.transport.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: a beacon flood from one source, whether anything is ever answered, and whether
 * the node's loop (which the discovery shares) still runs its other work during a flood.
 */
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
        NodeId[] realIds = {Identity.generate().id(), Identity.generate().id()};
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
    void aFloodAsFastAsTheSocketTakesItDoesNotKeepTheLoopFromItsOtherWork() throws Exception {
        Node a = start();
        byte[][] pool = floodBeacons(2048, new NodeId[] {Identity.generate().id()});
        DatagramChannel raw = rawSocket(FLOODER);
        InetSocketAddress group = new InetSocketAddress(GROUP, port);
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        // No pacing: the flooder sends as fast as it can, so the socket stays readable the whole
        // time and a receiver that drained it before returning would never give the loop back.
        Thread flooder = new Thread(() -> {
            try {
                for (int i = 0; flooding.get(); i++) {
                    raw.send(ByteBuffer.wrap(pool[i % pool.length]), group);
                    sent.incrementAndGet();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "lan-test-flooder");
        flooder.start();
        long worstTaskNanos = 0;
        long worstTimerLateNanos = 0;
        long receivedBefore;
        long receivedAfter;
        try {
            Await.until(TIMEOUT, () -> a.discovery().stats().beaconsReceived() > 1000,
                    "the flood to reach the discovery");
            receivedBefore = a.discovery().stats().beaconsReceived();
            for (int i = 0; i < 50; i++) {
                // A task handed to the loop, and a timer on it: each must run promptly.
                CountDownLatch ran = new CountDownLatch(2);
                long queued = System.nanoTime();
                AtomicLong taskRan = new AtomicLong();
                AtomicLong timerRan = new AtomicLong();
                a.context().execute(() -> {
                    taskRan.set(System.nanoTime());
                    ran.countDown();
                });
                a.context().schedule(() -> {
                    timerRan.set(System.nanoTime());
                    ran.countDown();
                }, Duration.ofMillis(5));
                assertTrue(ran.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                        "probe " + i + " ran on the loop during the flood");
                worstTaskNanos = Math.max(worstTaskNanos, taskRan.get() - queued);
                worstTimerLateNanos = Math.max(worstTimerLateNanos,
                        timerRan.get() - queued - Duration.ofMillis(5).toNanos());
            }
            receivedAfter = a.discovery().stats().beaconsReceived();
        } finally {
            flooding.set(false);
            flooder.join(TIMEOUT.toMillis());
        }
        System.out.printf("flood of %d datagrams; %d received during the probes; worst task "
                + "latency %.1f ms, worst timer lateness %.1f ms%n", sent.get(),
                receivedAfter - receivedBefore, worstTaskNanos / 1e6, worstTimerLateNanos / 1e6);
        assertTrue(receivedAfter - receivedBefore > 500, "the flood went on during the probes");
        assertTrue(worstTaskNanos < TimeUnit.MILLISECONDS.toNanos(250),
                "worst task latency " + worstTaskNanos / 1e6 + " ms");
        assertTrue(worstTimerLateNanos < TimeUnit.MILLISECONDS.toNanos(250),
                "worst timer lateness " + worstTimerLateNanos / 1e6 + " ms");
        assertTrue(a.context().reportsFrom(FLOODER) <= LanDiscovery.SOURCE_BURST
                + LanDiscovery.SOURCE_BEACONS_PER_SECOND * 30L, "flood reports are rate limited");
    }

    @Test
    void oneReadinessEventReadsABoundedBatchThenTheLoopRunsItsQueuedTasks() throws Exception {
        Node a = start();
        DatagramChannel raw = rawSocket(FLOODER);
        // Hold the loop (a test task may block; a node's never does) while datagrams pile up
        // in the socket's receive buffer, then queue a probe behind the readiness event.
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong before = new AtomicLong();
        AtomicLong atProbe = new AtomicLong(-1);
        a.context().execute(() -> {
            before.set(a.discovery().stats().beaconsReceived());
            holding.countDown();
            try {
                release.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertTrue(holding.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "loop held");
            byte[] datagram = beacon(Identity.generate().id(), 7);
            for (int i = 0; i < 1000; i++) { // what the receive buffer cannot hold is dropped
                sendToGroup(raw, datagram);
            }
            a.context().execute(() -> atProbe.set(a.discovery().stats().beaconsReceived()));
        } finally {
            release.countDown();
        }
        Await.until(TIMEOUT, () -> atProbe.get() >= 0, "the probe to run");
        long batch = atProbe.get() - before.get();
        Await.until(TIMEOUT, () -> a.discovery().stats().beaconsReceived() - before.get()
                > 2L * BeaconLoop.RECEIVES_PER_EVENT, "the buffer held several batches");
        System.out.printf("read before the probe ran: %d of %d buffered%n", batch,
                a.discovery().stats().beaconsReceived() - before.get());
        assertTrue(batch <= BeaconLoop.RECEIVES_PER_EVENT, "read before the probe: " + batch);
    }

    @Test
    void beaconsAreNeverAnsweredByUnicast() throws Exception {
        Node a = start();
        Node b = start();
        DatagramChannel raw = rawSocket(FLOODER);
        raw.configureBlocking(false);
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            NodeId id = Identity.generate().id();
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
