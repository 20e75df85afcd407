package dev.ghostmesh.internal.messaging;

import static dev.ghostmesh.fixtures.ByteSearch.indexOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.runtime.Counters;
import dev.ghostmesh.testing.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The verifier hand-off on its own: a pool the test runs by hand (in any order it likes), the
 * test thread standing in for the node thread.
 */
class SignatureChecksTest {
    private static final Identity ALICE = Identity.generate();

    private final Random ids = new Random(5);
    private final List<Runnable> pool = new ArrayList<>();
    private final List<String> completed = new ArrayList<>();
    private final Counters counters = new Counters();
    private boolean busy = true;
    private long seq = 1;
    private final SignatureChecks<String> checks = new SignatureChecks<>(Packet::verify, pool::add, Runnable::run,
            () -> busy, new SignatureChecks.Sink<>() {
                @Override
                public void complete(Packet p, String from, boolean valid) {
                    completed.add(text(p) + "@" + from + ":" + valid);
                }

                @Override
                public void duplicate(Packet original, String from, int hops) {
                    completed.add("copy of " + text(original) + "@" + from + ", " + hops
                            + " hops");
                }
            }, counters);

    private Packet broadcast(String text) throws PacketDecodeException {
        return PacketCodec.decode(PacketCodec.encode(ALICE, PacketType.BROADCAST,
                MessageId.random(ids), 5, System.currentTimeMillis(), seq++,
                Bodies.broadcast(text)));
    }

    /** The same packet with one letter of its text changed: same id and origin, bad signature. */
    private static Packet forged(Packet genuine, char from, char to) throws PacketDecodeException {
        byte[] frame = genuine.frame().clone();
        int at = indexOf(frame, text(genuine).getBytes(StandardCharsets.UTF_8));
        int letter = text(genuine).indexOf(from);
        frame[at + letter] = (byte) to;
        return PacketCodec.decode(frame);
    }

    /** The same packet as a relay one hop further on would send it. */
    private static Packet relayed(Packet p) throws PacketDecodeException {
        return PacketCodec.decode(p.withTtl(p.ttl() - 1));
    }

    private static String text(Packet p) {
        try {
            return Bodies.decodeBroadcast(p).text();
        } catch (PacketDecodeException e) {
            throw new AssertionError(e);
        }
    }

    private void runPool(boolean reversed) {
        while (!pool.isEmpty()) {
            List<Runnable> batch = new ArrayList<>(pool);
            pool.clear();
            if (reversed) {
                Collections.reverse(batch);
            }
            batch.forEach(Runnable::run);
        }
    }

    @Test
    void anIdleNodeChecksOnItsOwnThreadWithoutAHandOff() throws Exception {
        busy = false;
        checks.offer(broadcast("hi"), "l1");
        assertEquals(List.of("hi@l1:true"), completed);
        assertTrue(pool.isEmpty());
        assertEquals(0, counters.verifiedOffThread.get());
    }

    @Test
    void aBusyNodeHandsChecksToThePoolAndAppliesThemInArrivalOrder() throws Exception {
        for (int i = 0; i < 5; i++) {
            checks.offer(broadcast("m" + i), "l1");
        }
        assertTrue(completed.isEmpty(), "nothing applies before its check");
        assertEquals(5, pool.size());
        runPool(true); // the pool finishes them last first
        assertEquals(List.of("m0@l1:true", "m1@l1:true", "m2@l1:true", "m3@l1:true",
                "m4@l1:true"), completed);
        assertEquals(5, counters.verifiedOffThread.get());
        assertEquals(0, checks.pending());
    }

    @Test
    void aPacketOfferedWhileEarlierOnesArePendingWaitsForThemEvenWhenTheNodeIsIdle()
            throws Exception {
        checks.offer(broadcast("first"), "l1");
        busy = false;
        checks.offer(broadcast("second"), "l1");
        assertTrue(completed.isEmpty(), "second must not overtake first");
        runPool(true);
        assertEquals(List.of("first@l1:true", "second@l1:true"), completed);
    }

    @Test
    void aVouchedPacketIsNotCheckedButStillWaitsForEarlierOnes() throws Exception {
        checks.offer(broadcast("first"), "l1");
        // A bad signature: were it checked, it would fail.
        Packet vouched = forged(broadcast("second"), 's', 'z');
        checks.offer(vouched, "peer", true);
        assertEquals(1, pool.size(), "only the first went to the pool");
        assertTrue(completed.isEmpty(), "second must not overtake first");
        runPool(false);
        assertEquals(List.of("first@l1:true", "zecond@peer:true"), completed);
        assertEquals(0, checks.pending());
    }

    @Test
    void anIdleNodeCompletesAVouchedPacketAtOnce() throws Exception {
        busy = false;
        checks.offer(forged(broadcast("hi"), 'h', 'j'), "peer", true);
        assertEquals(List.of("ji@peer:true"), completed);
        assertTrue(pool.isEmpty());
    }

    @Test
    void aByteIdenticalCopyWhileCheckingIsADuplicateNotASecondCheck() throws Exception {
        Packet p = broadcast("hello");
        checks.offer(p, "l1");
        checks.offer(relayed(p), "l2");
        assertEquals(1, pool.size());
        assertEquals(1, counters.duplicates.get());
        runPool(false);
        assertEquals(List.of("hello@l1:true", "copy of hello@l2, 2 hops"), completed,
                "the copy is reported once the packet it copies is in (a route to its origin)");
    }

    @Test
    void copiesOfAPacketThatFailsItsCheckAreNotReported() throws Exception {
        Packet forged = forged(broadcast("hello"), 'h', 'j');
        checks.offer(forged, "l1");
        checks.offer(relayed(forged), "l2");
        runPool(false);
        assertEquals(List.of("jello@l1:false"), completed);
    }

    @Test
    void aForgedCopyThatArrivesFirstCannotShadowTheGenuinePacket() throws Exception {
        Packet genuine = broadcast("hello");
        checks.offer(forged(genuine, 'h', 'j'), "mallory");
        checks.offer(genuine, "honest");
        checks.offer(broadcast("after"), "honest");
        runPool(false);
        assertEquals(List.of("jello@mallory:false", "hello@honest:true", "after@honest:true"),
                completed, "the forgery fails, the genuine copy is checked next, order holds");
    }

    @Test
    void aForgedCopyArrivingAfterTheGenuineIsDroppedUnchecked() throws Exception {
        Packet genuine = broadcast("hello");
        checks.offer(genuine, "honest");
        checks.offer(forged(genuine, 'h', 'j'), "mallory");
        runPool(false);
        assertEquals(List.of("hello@honest:true"), completed);
        assertEquals(1, counters.duplicates.get());
        assertEquals(1, counters.verifiedOffThread.get(), "one check, not two");
    }

    @Test
    void anUnsignedCopyWhileCheckingWaitsAsAnAlternateAndFails() throws Exception {
        Packet genuine = broadcast("hello");
        byte[] unsigned = PacketCodec.encode(ALICE, PacketType.BROADCAST, genuine.id(), 5,
                genuine.timestamp(), genuine.seq(), Bodies.broadcast("jello"), false);
        checks.offer(PacketCodec.decode(unsigned), "mallory");
        checks.offer(genuine, "honest");
        runPool(false);
        assertEquals(List.of("jello@mallory:false", "hello@honest:true"), completed);
    }

    @Test
    void alternatesPerPacketAreBounded() throws Exception {
        Packet genuine = broadcast("hello");
        checks.offer(forged(genuine, 'h', 'a'), "m0");
        String letters = "bcdefg";
        for (char c : letters.toCharArray()) {
            checks.offer(forged(genuine, 'h', c), "m");
        }
        assertEquals(letters.length() - SignatureChecks.MAX_ALTERNATES,
                counters.duplicates.get(), "copies beyond the bound are dropped");
        runPool(false);
        assertEquals(1 + SignatureChecks.MAX_ALTERNATES, completed.size());
        assertTrue(completed.stream().allMatch(c -> c.endsWith(":false")));
        assertEquals(0, checks.pending());
    }

    @Test
    void pastTheBoundTheNodeThreadChecksItselfAndOrderStillHolds() throws Exception {
        for (int i = 0; i <= SignatureChecks.MAX_PENDING; i++) {
            checks.offer(broadcast("m" + i), "l1");
        }
        assertEquals(SignatureChecks.MAX_PENDING, pool.size(), "the last one was checked inline");
        assertTrue(completed.isEmpty(), "but it waits for the ones before it");
        runPool(true);
        assertEquals(SignatureChecks.MAX_PENDING + 1, completed.size());
        for (int i = 0; i <= SignatureChecks.MAX_PENDING; i++) {
            assertEquals("m" + i + "@l1:true", completed.get(i));
        }
    }

    @Test
    void withRealThreadsEveryPacketIsAppliedOnceInOrder() throws Exception {
        ExecutorService node = Executors.newSingleThreadExecutor(r -> new Thread(r, "node"));
        ExecutorService verifiers = Executors.newFixedThreadPool(3);
        List<String> applied = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        Counters counted = new Counters();
        SignatureChecks<String> real = new SignatureChecks<>(Packet::verify, verifiers, node, () -> true,
                (p, from, valid) -> {
                    if (!Thread.currentThread().getName().equals("node") || !valid) {
                        errors.add(new AssertionError(text(p) + " " + valid));
                    }
                    applied.add(text(p));
                }, counted);
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            packets.add(broadcast("n" + i));
        }
        for (Packet p : packets) {
            node.execute(() -> real.offer(p, "l1"));
        }
        Await.until(Duration.ofSeconds(30), () -> applied.size() == packets.size(),
                "every packet to be applied");
        node.shutdown();
        verifiers.shutdown();
        assertTrue(node.awaitTermination(5, TimeUnit.SECONDS));
        assertEquals(List.of(), errors);
        List<String> expected = packets.stream().map(SignatureChecksTest::text).toList();
        assertEquals(expected, applied);
        assertTrue(counted.verifiedOffThread.get() > 0, "the busy node used the pool");
    }
}
