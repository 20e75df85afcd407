package dev.ghostmesh.internal.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.PacketType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The catch-up log: bounded per origin, in all and by age; summaries that two logs holding the
 * same packets agree on, whatever order they got them in, and that tell them apart otherwise.
 */
class SyncLogTest {
    private static final long T0 = 1_800_000_000_000L;
    private final Random random = new Random(3);
    private final Identity alice = Identity.generate();
    private final Identity bob = Identity.generate();

    private Packet packet(Identity origin, long seq, long timestamp, int bodyBytes) {
        byte[] body = new byte[bodyBytes];
        byte[] frame = PacketCodec.encode(origin, PacketType.TOPIC, MessageId.random(random), 8,
                timestamp, seq, body, false);
        try {
            return PacketCodec.decode(frame);
        } catch (PacketDecodeException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPacketIsKeptOnceAndItsFrameIsACopy() {
        SyncLog log = new SyncLog(100, 1_000, 1 << 20);
        Packet p = packet(alice, 7, T0, 10);
        assertTrue(log.add(p));
        assertFalse(log.add(p));
        assertFalse(log.add(packet(alice, 7, T0, 20)), "same origin and seq: the same message");
        assertTrue(log.contains(alice.id(), 7));
        assertFalse(log.contains(bob.id(), 7));
        byte[] kept = log.frame(alice.id(), 7);
        assertArrayEquals(p.frame(), kept);
        p.frame()[p.frame().length - 1]++; // a relay patches the ttl of its copy
        assertNotEquals(p.frame()[p.frame().length - 1], kept[kept.length - 1]);
        assertEquals(1, log.size());
    }

    @Test
    void eachOriginKeepsItsNewestAndAnOlderOneIsRefusedWhenFull() {
        SyncLog log = new SyncLog(3, 1_000, 1 << 20);
        for (long seq = 10; seq < 15; seq++) {
            log.add(packet(alice, seq, T0 + seq, 1));
        }
        assertEquals(List.of(12L, 13L, 14L), log.seqs(alice.id(), 0));
        assertFalse(log.add(packet(alice, 5, T0, 1)), "older than all three kept");
        assertTrue(log.add(packet(bob, 1, T0, 1)), "another origin has its own quota");
        assertEquals(4, log.size());
    }

    @Test
    void theWholeLogDropsWhatItGotFirstByCountAndByBytes() {
        SyncLog byCount = new SyncLog(100, 5, 1 << 20);
        for (long seq = 0; seq < 8; seq++) {
            byCount.add(packet(seq % 2 == 0 ? alice : bob, seq, T0, 1));
        }
        assertEquals(5, byCount.size());
        assertFalse(byCount.contains(alice.id(), 0));
        assertFalse(byCount.contains(bob.id(), 1));
        assertFalse(byCount.contains(alice.id(), 2));
        assertTrue(byCount.contains(alice.id(), 4));

        Packet big = packet(alice, 1, T0, 1000);
        SyncLog byBytes = new SyncLog(100, 1_000, 3L * big.frame().length);
        for (long seq = 1; seq <= 5; seq++) {
            byBytes.add(packet(alice, seq, T0, 1000));
        }
        assertEquals(List.of(3L, 4L, 5L), byBytes.seqs(alice.id(), 0));
        assertTrue(byBytes.bytes() <= 3L * big.frame().length);
    }

    @Test
    void expiryGoesByTheOriginsTimestamp() {
        SyncLog log = new SyncLog(100, 1_000, 1 << 20);
        log.add(packet(alice, 1, T0, 1));
        log.add(packet(alice, 2, T0 + 1_000, 1));
        log.add(packet(bob, 1, T0 + 500, 1));
        log.expire(T0 + 600);
        assertEquals(List.of(2L), log.seqs(alice.id(), 0));
        assertNull(log.frame(bob.id(), 1));
        assertEquals(1, log.size());
    }

    @Test
    void twoLogsWithTheSamePacketsAgreeAndOneDifferenceShows() {
        List<Packet> packets = new ArrayList<>();
        for (long seq = 0; seq < 50; seq++) {
            packets.add(packet(seq % 3 == 0 ? bob : alice, seq, T0 + seq * 1000, 5));
        }
        SyncLog a = new SyncLog(100, 1_000, 1 << 20);
        SyncLog b = new SyncLog(100, 1_000, 1 << 20);
        packets.forEach(a::add);
        List<Packet> shuffled = new ArrayList<>(packets);
        Collections.shuffle(shuffled, random);
        shuffled.forEach(b::add);
        assertEquals(new HashSet<>(a.summary(T0)), new HashSet<>(b.summary(T0)));
        assertEquals(2, a.summary(T0).size());

        b.remove(alice.id(), 49);
        assertNotEquals(new HashSet<>(a.summary(T0)), new HashSet<>(b.summary(T0)));
        b.add(packets.get(49));
        assertEquals(new HashSet<>(a.summary(T0)), new HashSet<>(b.summary(T0)));
        assertEquals(new HashSet<>(a.summary(T0 + 40_000)),
                new HashSet<>(b.summary(T0 + 40_000)), "the same window on both sides");
        SyncLog.OriginSummary late = a.summary(T0 + 40_000).stream()
                .filter(s -> s.origin().equals(alice.id())).findFirst().orElseThrow();
        assertEquals(7, late.count(), "alice's packets 40..49 but bob's 42, 45, 48");
        assertEquals(49, late.maxSeq());
    }

    @Test
    void removalsDoNotLetTheBookkeepingGrow() {
        SyncLog log = new SyncLog(2, 1_000_000, 1L << 30);
        for (long seq = 0; seq < 100_000; seq++) {
            log.add(packet(alice, seq, T0, 0));
        }
        assertEquals(2, log.size());
        assertTrue(log.orderSize() <= 2 * 2 + 1024 + 1, "stale places: " + log.orderSize());
    }
}
