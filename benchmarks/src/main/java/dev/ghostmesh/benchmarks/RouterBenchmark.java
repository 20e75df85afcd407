package dev.ghostmesh.benchmarks;

import dev.ghostmesh.Identity;
import dev.ghostmesh.internal.router.FloodRouter;
import dev.ghostmesh.internal.router.ReplayWindow;
import dev.ghostmesh.internal.router.SeenCache;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The flood router's per-packet decision on one thread, for 100-byte signed broadcasts with
 * three links:
 * <ul>
 *   <li>{@code duplicate}: a packet already seen (decode + seen-cache lookup) — most of a
 *       mesh's traffic, since each packet arrives once per link;
 *   <li>{@code fresh}: a packet never seen (decode, lookup, Ed25519 verify, timestamp and
 *       replay-window check, insert, body decode, relay copy) — a cache smaller than the frame
 *       ring forgets each id before it comes round again, and the ring alternates two origins
 *       through a replay window that holds one, so each packet is its origin's first (this
 *       includes re-adding the origin to the window's table);
 *   <li>{@code seenCacheAddLookup}: one insert and one lookup in a full 131,072-entry cache.
 * </ul>
 *
 * <p>Threading: JMH runs each benchmark on its own thread with its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouterBenchmark {
    private static final int FRAMES = 4096;
    private static final long DAY_MILLIS = 24 * 3600 * 1000L;
    private static final List<String> LINKS = List.of("in", "out-1", "out-2");

    private byte[][] frames;
    /** Each frame's TTL as signed: relaying lowers it in the frame itself. */
    private byte[] ttls;
    private FloodRouter<String> seenAll;
    private FloodRouter<String> forgetful;
    private SeenCache cache;
    private Random random;
    private int next;

    /** Signs the frame ring and primes the routers. */
    @Setup
    public void setUp() {
        Identity self = Identity.generate();
        byte[][] first = Frames.broadcasts(Identity.generate(), FRAMES / 2, 7);
        byte[][] second = Frames.broadcasts(Identity.generate(), FRAMES / 2, 8);
        frames = new byte[FRAMES][];
        for (int i = 0; i < FRAMES; i++) {
            frames[i] = (i & 1) == 0 ? first[i / 2] : second[i / 2];
        }
        ttls = new byte[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            ttls[i] = frames[i][frames[i].length - 1];
        }
        seenAll = new FloodRouter<>(self.id(), new SeenCache(FRAMES * 2, 3_600_000),
                new ReplayWindow(16), DAY_MILLIS);
        for (byte[] f : frames) {
            seenAll.route(f, "in", LINKS, Frames.TIMESTAMP);
        }
        forgetful = new FloodRouter<>(self.id(), new SeenCache(FRAMES / 4, 3_600_000),
                new ReplayWindow(1), DAY_MILLIS);
        cache = new SeenCache(1 << 17, 3_600_000);
        random = new Random(9);
        for (int i = 0; i < 1 << 17; i++) {
            cache.add(random.nextLong(), random.nextLong(), random.nextLong(), Frames.TIMESTAMP);
        }
    }

    /** Decision for a packet already seen. */
    @Benchmark
    public FloodRouter.Decision<String> duplicate() {
        next = (next + 1) & (FRAMES - 1);
        return seenAll.route(frames[next], "out-1", LINKS, Frames.TIMESTAMP);
    }

    /** Decision for a new packet, signature verification included. */
    @Benchmark
    public FloodRouter.Decision<String> fresh() {
        next = (next + 1) & (FRAMES - 1);
        byte[] frame = frames[next];
        frame[frame.length - 1] = ttls[next]; // as it would arrive again
        return forgetful.route(frame, "in", LINKS, Frames.TIMESTAMP);
    }

    /** One insert (evicting the oldest) and one lookup in a full cache. */
    @Benchmark
    public boolean seenCacheAddLookup() {
        long high = random.nextLong();
        long low = random.nextLong();
        cache.add(high, low, 7, Frames.TIMESTAMP);
        return cache.contains(low, high, 7, Frames.TIMESTAMP);
    }
}
