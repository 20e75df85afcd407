package dev.ghostmesh.benchmarks.load;

import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.benchmarks.load.LoadOptions.PayloadKind;
import dev.ghostmesh.testing.CountingTransport;
import dev.ghostmesh.transport.tcp.TcpTransport;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * One load run against real nodes: N {@link MeshNode}s in this JVM on TCP loopback, linked as
 * the topology says, sending broadcasts with a bounded in-flight window or at a fixed rate.
 * Every delivery is a real {@code onMessage} event; a message counts as lost if any node other
 * than its sender never delivers it, and as a duplicate each time a node delivers it again.
 * With {@link PayloadKind#BYTES} node 0 publishes binary payloads on {@link #TOPIC} instead, the
 * farthest node alone subscribes, and a delivery is a call of its subscription's handler.
 *
 * <p>Rate limits are raised for the run: a load test is one trusted sender flooding on purpose,
 * and the defaults (2,000 frames/s per link, 500 packets/s per origin) exist to stop exactly
 * that from strangers. Everything else is the shipped default, and the security profile is the
 * one asked for (secure: link encryption and signatures; open: neither).
 *
 * <p>Threading: {@link #run} drives from the caller's thread; deliveries are counted on the
 * nodes' listener threads with atomics.
 */
final class LoadRun {
    private final LoadOptions o;
    private final List<MeshNode> nodes = new ArrayList<>();
    private final CountingTransport.Counts wire = new CountingTransport.Counts();
    private int[] hopsFromSource;
    private int farthest;
    // Per message: send time, and how many nodes delivered it.
    private AtomicLongArray sentAt;
    private AtomicIntegerArray deliveries;
    private BitSet[] seen;
    private long[] latencies;
    private long[] perHop;
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong lastTailDelivery = new AtomicLong();
    /** When the last measured delivery anywhere happened: the end of the measured part. */
    private final AtomicLong lastDelivery = new AtomicLong();
    private Semaphore window;
    private volatile int measuredFrom;
    /** Payloads published on {@link #TOPIC} instead of text broadcasts. */
    private boolean bytes;
    /** Nodes that deliver each message: every other node for text, the farthest for bytes. */
    private int receivers;

    /** The topic of {@link PayloadKind#BYTES}. */
    static final String TOPIC = "bench/load";

    /** Where the nodes' SQLite stores live with {@code --store sqlite}; null otherwise. */
    private final java.nio.file.Path storeDir;

    LoadRun(LoadOptions options) {
        this.o = options;
        this.storeDir = options.sqliteStore() ? StoreDirectory.create() : null;
    }

    LoadResult run() throws Exception {
        int n = o.topology().nodes();
        bytes = o.payload() == PayloadKind.BYTES;
        int total = o.warmup() + o.messages();
        sentAt = new AtomicLongArray(total);
        deliveries = new AtomicIntegerArray(total);
        seen = new BitSet[n];
        int perMessageSamples = o.fromAll() ? n - 1 : 1;
        latencies = new long[o.messages() * perMessageSamples];
        perHop = new long[latencies.length];
        window = new Semaphore(o.window());
        hopsFromSource = o.topology().hopsFrom(0);
        farthest = o.topology().farthestFrom(0);
        receivers = bytes ? 1 : n - 1;
        try {
            startNodes();
            link();
            String pad = "x".repeat(Math.max(0, o.bytes() - 8));
            measuredFrom = Integer.MAX_VALUE;
            send(0, o.warmup(), pad);
            awaitAll(o.warmup());
            measuredFrom = o.warmup();
            long wire0 = wireBytes();
            long cpu0 = processCpuNanos();
            long start = System.nanoTime();
            send(o.warmup(), total, pad);
            boolean complete = awaitAll(total);
            // The last delivery ends the run, not the moment the polling noticed it: on a run
            // of a few milliseconds the poll's slack would skew every rate.
            long end = complete ? lastDelivery.get() : System.nanoTime();
            long cpu = processCpuNanos() - cpu0;
            long wireBytes = wireBytes() - wire0;
            return result(complete, start, end, cpu, wireBytes);
        } finally {
            nodes.forEach(MeshNode::close);
            StoreDirectory.delete(storeDir);
        }
    }

    /**
     * Bytes received so far with TCP's 4-byte length prefix of each frame: all nodes are in this
     * JVM, so the bytes on the wire.
     */
    private long wireBytes() {
        return wire.bytesReceived() + 4 * wire.framesReceived();
    }

    private void startNodes() {
        for (int i = 0; i < o.topology().nodes(); i++) {
            int index = i;
            seen[i] = new BitSet();
            MeshNode.Builder builder = MeshNode.builder().username("load" + i).autoConnect(false)
                    .transport(new CountingTransport(TcpTransport.builder().port(0)
                            .bindAddress("127.0.0.1").build(), wire))
                    .linkRateLimit(1e8, 10_000_000).originRateLimit(1e8, 10_000_000)
                    .securityProfile(o.profile())
                    .parallelVerification(o.parallelVerification());
            if (o.sqliteStore()) {
                builder.store(StoreDirectory.open(storeDir, "load" + i));
            }
            MeshNode node = builder.build();
            node.addListener(new MeshListener() {
                @Override
                public void onMessage(Message m) {
                    int bar = m.text().indexOf('|');
                    delivered(index, Integer.parseInt(m.text(), 0, bar, 10), m.hops());
                }
            });
            if (bytes && i == farthest) {
                node.subscribe(TOPIC, d -> delivered(index, d.payload().getInt(0), d.hops()));
            }
            node.start();
            nodes.add(node);
        }
    }

    private void link() throws Exception {
        for (int[] e : o.topology().edges()) {
            int port = nodes.get(e[1]).status().listening().get(0).port();
            nodes.get(e[0]).connect(PeerAddress.tcp("127.0.0.1", port))
                    .get(30, TimeUnit.SECONDS);
        }
        // Every node must know every sender before timing starts (presence settles).
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int n = nodes.size();
        while (nodes.stream().anyMatch(x -> x.nodes().size() < n - 1)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("presence did not settle in 60 s");
            }
            Thread.sleep(20);
        }
        // The origin's announce-driven view of the topic: the tail's subscription has arrived.
        NodeId tail = nodes.get(farthest).id();
        while (bytes && nodes.get(0).subscribers(TOPIC).stream()
                .noneMatch(s -> s.id().equals(tail))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("node 0 did not see the subscriber in 60 s");
            }
            Thread.sleep(20);
        }
    }

    private void send(int from, int to, String pad) throws InterruptedException {
        byte[] payload = new byte[o.bytes()];
        Arrays.fill(payload, (byte) 'x');
        long interval = o.rate() > 0 ? (long) (1e9 / o.rate()) : 0;
        long next = System.nanoTime();
        for (int seq = from; seq < to; seq++) {
            if (interval > 0) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                next += interval;
            } else {
                window.acquire();
            }
            int sender = o.fromAll() ? seq % nodes.size() : 0;
            if (bytes) {
                // publish copies the payload: one array serves every message.
                ByteBuffer.wrap(payload).putInt(0, seq);
                sentAt.set(seq, System.nanoTime());
                nodes.get(sender).publish(TOPIC, payload);
            } else {
                String text = String.format("%07d|", seq) + pad;
                sentAt.set(seq, System.nanoTime());
                nodes.get(sender).broadcast(text);
            }
        }
    }

    /** Node {@code node}'s listener got message {@code seq}, which crossed {@code hops} links. */
    private void delivered(int node, int seq, int hops) {
        long now = System.nanoTime();
        BitSet mine = seen[node];
        synchronized (mine) {
            if (mine.get(seq)) {
                duplicates.incrementAndGet();
                return;
            }
            mine.set(seq);
        }
        int count = deliveries.incrementAndGet(seq);
        if (seq >= measuredFrom) {
            lastDelivery.accumulateAndGet(now, Math::max);
        }
        boolean tail = o.fromAll() ? count == receivers : node == farthest;
        if (seq >= measuredFrom && (o.fromAll() || tail)) {
            long latency = now - sentAt.get(seq);
            int slot = (int) samples.getAndIncrement();
            if (slot < latencies.length) {
                latencies[slot] = latency;
                perHop[slot] = latency / Math.max(1, hops);
            }
        }
        if (tail) {
            lastTailDelivery.accumulateAndGet(now, Math::max);
            if (o.rate() <= 0) {
                window.release();
            }
        }
    }

    private boolean awaitAll(int total) throws InterruptedException {
        long deadline = System.nanoTime() + o.deadline().toNanos();
        int expected = receivers;
        for (int seq = 0; seq < total; seq++) {
            while (deliveries.get(seq) < expected) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(2);
            }
        }
        return true;
    }

    private LoadResult result(boolean complete, long start, long end, long cpuNanos, long wire) {
        long lost = 0;
        long delivered = 0;
        for (int seq = o.warmup(); seq < o.warmup() + o.messages(); seq++) {
            int d = deliveries.get(seq);
            delivered += d;
            if (d < receivers) {
                lost++;
            }
        }
        int count = (int) Math.min(samples.get(), latencies.length);
        long[] lat = Arrays.copyOf(latencies, count);
        long[] hop = Arrays.copyOf(perHop, count);
        Arrays.sort(lat);
        Arrays.sort(hop);
        double seconds = (end - start) / 1e9;
        double tailSeconds = (Math.max(lastTailDelivery.get(), start) - start) / 1e9;
        double tailRate = o.fromAll() ? delivered / (double) receivers / seconds
                : o.messages() / Math.max(tailSeconds, 1e-9);
        String mode = (o.rate() > 0 ? "rate " + (long) o.rate() + "/s" : "window " + o.window())
                + (o.fromAll() ? ", from all" : ", from one") + (complete ? "" : ", INCOMPLETE");
        Runtime rt = Runtime.getRuntime();
        String profile = o.profile().name().toLowerCase(java.util.Locale.ROOT)
                + (o.parallelVerification() ? "" : ", verify on node thread")
                + (bytes ? ", topic bytes" : "");
        return new LoadResult("ghost-terminal (" + profile + ")", o.topology().toString(),
                o.messages(), o.bytes(), mode, tailRate, delivered / seconds, pct(lat, 50),
                pct(lat, 99), count == 0 ? 0 : lat[count - 1], pct(hop, 50), pct(hop, 99), lost,
                duplicates.get(), delivered == 0 ? 0 : wire / (double) delivered,
                delivered == 0 ? 0 : cpuNanos / 1e9 / delivered, rt.totalMemory() - rt.freeMemory(),
                rss(), seconds);
    }

    static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Resident set size of this process from /proc (Linux), or -1. */
    static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
