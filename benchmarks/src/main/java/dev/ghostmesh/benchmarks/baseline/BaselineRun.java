package dev.ghostmesh.benchmarks.baseline;

import com.sun.management.OperatingSystemMXBean;
import dev.ghostmesh.benchmarks.baseline.RawRelayBaseline.Result;
import dev.ghostmesh.benchmarks.baseline.RawRelayBaseline.Threading;
import dev.ghostmesh.benchmarks.baseline.RawRelayBaseline.Topology;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of the raw-relay baseline, start to teardown: links the relays over loopback TCP,
 * sends and awaits the warm-up, then measures. The coordinating (calling) thread only polls the
 * relays' published delivery counts; the figures come from the relays' own timestamps.
 *
 * <p>Threading: {@link #execute} runs on the caller's thread and starts (and always stops) the
 * loop threads and, in rate mode, a pacer thread.
 */
final class BaselineRun {
    static final int MAX_WARM_UP = 2_000;
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);
    // Coarse on purpose: figures come from the relays' own timestamps, and a rate-mode run sends
    // ~100 messages a second, so a fine poll would be most of the process's CPU time.
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** The result plus what the tests check per relay (index 0, the source, stays zero). */
    record Report(Result result, long[] distinctPerRelay, long[] duplicatesPerRelay, long faults) {}

    private record Progress(boolean complete, long lastProgressNanos) {}

    private BaselineRun() {}

    static Report execute(Topology topology, int messages, int bytes, int window, double rate,
            Threading threading) throws IOException, InterruptedException {
        if (messages < 1 || bytes < 0 || rate < 0 || Double.isNaN(rate)
                || (rate == 0 && window < 1)) {
            throw new IllegalArgumentException("need messages >= 1, bytes >= 0, rate >= 0 and,"
                    + " without a rate, window >= 1");
        }
        int warmUp = Math.min(MAX_WARM_UP, messages);
        RunPlan plan = new RunPlan(warmUp, warmUp + messages,
                Math.max(bytes, RunPlan.HEADER_BYTES));
        int n = topology.nodes();
        RelayLoop[] loops = new RelayLoop[threading == Threading.SHARED_SELECTOR ? 1 : n];
        Relay[] relays = new Relay[n];
        Thread pacer = null;
        try {
            for (int i = 0; i < loops.length; i++) {
                loops[i] = new RelayLoop("raw-relay-" + i);
            }
            for (int i = 0; i < n; i++) {
                relays[i] = new Relay(i, plan);
            }
            Origin origin = new Origin(relays[0], loopOf(loops, 0), plan, window > 0 ? window : 256);
            loopOf(loops, 0).hostOrigin(origin);
            Relay farthest = relays[topology.farthestNode()];
            farthest.measureLatencyFor(origin, messages);
            connect(topology, relays, loops, plan);
            for (RelayLoop loop : loops) {
                loop.start();
            }
            origin.limit(warmUp);
            if (!await(relays, loops, warmUp).complete()) {
                throw new IllegalStateException("the warm-up of " + warmUp
                        + " messages was not delivered everywhere");
            }
            long cpuBefore = processCpuNanos();
            long start = System.nanoTime();
            if (rate > 0) {
                origin.pace(warmUp);
                pacer = startPacer(origin, warmUp, messages, rate);
            }
            origin.limit(plan.total());
            Progress progress = await(relays, loops, plan.total());
            long cpuAfter = processCpuNanos();
            long cpuNanos = cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore;
            stopAll(loops, pacer);
            return report(relays, farthest, plan, start, progress, cpuNanos);
        } finally {
            stopAll(loops, pacer);
        }
    }

    private static RelayLoop loopOf(RelayLoop[] loops, int relay) {
        return loops.length == 1 ? loops[0] : loops[relay];
    }

    /** For each link the lower index listens and the higher dials; then the listener closes. */
    private static void connect(Topology topology, Relay[] relays, RelayLoop[] loops,
            RunPlan plan) throws IOException {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        for (int[] edge : topology.edges()) {
            try (ServerSocketChannel server = ServerSocketChannel.open().bind(any)) {
                SocketChannel dialled = SocketChannel.open(server.getLocalAddress());
                SocketChannel accepted = server.accept();
                for (SocketChannel channel : new SocketChannel[] {dialled, accepted}) {
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                attach(relays[edge[0]], loopOf(loops, edge[0]), accepted, plan);
                attach(relays[edge[1]], loopOf(loops, edge[1]), dialled, plan);
            }
        }
    }

    private static void attach(Relay relay, RelayLoop loop, SocketChannel channel, RunPlan plan)
            throws IOException {
        try {
            relay.addLink(new RelayLink(relay, loop, channel, plan));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static Thread startPacer(Origin origin, int warmUp, int messages, double rate) {
        Thread pacer = new Thread(() -> {
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                long slot = start + Math.round(i * 1e9 / rate);
                for (long wait; (wait = slot - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait);
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
                origin.grant(warmUp + i + 1L);
            }
        }, "raw-relay-pacer");
        pacer.setDaemon(true);
        pacer.start();
        return pacer;
    }

    /** Waits until every relay but the source delivered {@code target} ids, or progress stalls. */
    private static Progress await(Relay[] relays, RelayLoop[] loops, long target) {
        long lastSum = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            for (RelayLoop loop : loops) {
                if (loop.failure() != null) {
                    throw new IllegalStateException("a relay loop failed", loop.failure());
                }
            }
            long sum = 0;
            boolean complete = true;
            for (int i = 1; i < relays.length; i++) {
                long delivered = relays[i].delivered();
                sum += delivered;
                complete &= delivered >= target;
            }
            long now = System.nanoTime();
            if (sum != lastSum) {
                lastSum = sum;
                lastProgress = now;
            }
            if (complete || now - lastProgress > STALL_NANOS) {
                return new Progress(complete, lastProgress);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static Report report(Relay[] relays, Relay farthest, RunPlan plan, long start,
            Progress progress, long cpuNanos) {
        long[] distinct = new long[relays.length];
        long[] duplicates = new long[relays.length];
        long delivered = 0;
        long lost = 0;
        long duplicateSum = 0;
        long wireBytes = 0;
        long faults = 0;
        long allDone = start;
        for (Relay relay : relays) {
            wireBytes += relay.wireBytesMeasured();
            faults += relay.faults();
            if (relay.index == 0) {
                continue;
            }
            distinct[relay.index] = relay.distinctMeasured();
            duplicates[relay.index] = relay.duplicates();
            delivered += relay.distinctMeasured();
            lost += plan.measured() - relay.distinctMeasured();
            duplicateSum += relay.duplicates();
            allDone = Math.max(allDone, relay.completedAtNanos());
        }
        long tailEnd = farthest.completedAtNanos() > 0 ? farthest.completedAtNanos()
                : progress.lastProgressNanos();
        long allEnd = progress.complete() ? allDone : progress.lastProgressNanos();
        long[] latency = farthest.latencies().percentiles();
        Result result = new Result(
                perSecond(farthest.distinctMeasured(), tailEnd - start),
                perSecond(delivered, allEnd - start),
                latency[0], latency[1], latency[2], lost, duplicateSum,
                delivered == 0 ? Double.NaN : (double) wireBytes / delivered,
                delivered == 0 || cpuNanos < 0 ? Double.NaN : cpuNanos / 1e9 / delivered);
        return new Report(result, distinct, duplicates, faults);
    }

    private static double perSecond(long count, long nanos) {
        return nanos <= 0 ? Double.NaN : count * 1e9 / nanos;
    }

    /** The whole process's CPU time (all threads: relays, kernel work on their behalf, GC, JIT). */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Pacer first, then every loop halted and joined before any selector closes. */
    private static void stopAll(RelayLoop[] loops, Thread pacer) throws InterruptedException {
        if (pacer != null) {
            pacer.interrupt();
            pacer.join(10_000);
        }
        for (RelayLoop loop : loops) {
            if (loop != null) {
                loop.halt();
            }
        }
        for (RelayLoop loop : loops) {
            if (loop != null) {
                loop.join();
            }
        }
        for (RelayLoop loop : loops) {
            if (loop != null) {
                loop.close();
            }
        }
    }
}
