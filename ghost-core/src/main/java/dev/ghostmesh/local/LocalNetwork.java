package dev.ghostmesh.local;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An in-process network for tests, examples and simulations: {@link LocalTransport}s created
 * from it reach each other by name, with optional fixed latency and random frame loss (seeded,
 * so runs repeat).
 *
 * <p>Threading: thread-safe. One daemon delivery thread per network plays the role of the I/O
 * thread for every transport on it: all {@code TransportContext} callbacks run there, in order
 * per link. Close the network when done to stop that thread.
 */
public final class LocalNetwork implements AutoCloseable {
    private final Map<String, LocalTransport> transports = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor delivery;
    private final long latencyNanos;
    private final double lossRate;
    private final SplittableRandom random;
    private final java.util.Set<String> cuts = ConcurrentHashMap.newKeySet();

    private LocalNetwork(Builder b) {
        this.latencyNanos = b.latency.toNanos();
        this.lossRate = b.lossRate;
        this.random = new SplittableRandom(b.seed);
        this.delivery = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ghost-local-network");
            t.setDaemon(true);
            return t;
        });
    }

    /** A network with no latency and no loss. Callable from any thread. */
    public static LocalNetwork create() {
        return builder().build();
    }

    /** A builder for a network with latency or loss. Callable from any thread. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A new transport that will be reachable as {@code name} (host of a {@code PeerAddress})
     * once its node starts. Callable from any thread.
     */
    public LocalTransport transport(String name) {
        return new LocalTransport(this, name);
    }

    /**
     * Cuts the network between two named transports: from now on every frame between them is
     * silently lost, as when a cable is pulled, and neither end is told (only an explicit
     * {@code Link.close()} still reaches the other end). Any thread.
     */
    public void cut(String a, String b) {
        cuts.add(pair(a, b));
    }

    /** Undoes {@link #cut}: frames flow again (links that closed meanwhile stay closed). */
    public void heal(String a, String b) {
        cuts.remove(pair(a, b));
    }

    boolean isCut(String a, String b) {
        return !cuts.isEmpty() && cuts.contains(pair(a, b));
    }

    private static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a;
    }

    /** Stops the delivery thread; frames in flight are dropped. Idempotent, any thread. */
    @Override
    public void close() {
        delivery.shutdownNow();
    }

    void register(LocalTransport transport) throws java.io.IOException {
        if (transports.putIfAbsent(transport.name(), transport) != null) {
            throw new java.io.IOException("local name '" + transport.name() + "' is already in use");
        }
    }

    void unregister(LocalTransport transport) {
        transports.remove(transport.name(), transport);
    }

    LocalTransport lookup(String name) {
        return transports.get(name);
    }

    /** Runs {@code task} on the delivery thread after the network's latency. */
    void deliver(Runnable task) {
        if (delivery.isShutdown()) {
            return;
        }
        try {
            if (latencyNanos == 0) {
                delivery.execute(task);
            } else {
                delivery.schedule(task, latencyNanos, TimeUnit.NANOSECONDS);
            }
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // The network is closing: in-flight frames are lost, as documented.
        }
    }

    /** True if this frame should be lost. */
    boolean lose() {
        if (lossRate == 0) {
            return false;
        }
        synchronized (random) {
            return random.nextDouble() < lossRate;
        }
    }

    /** Configures a {@link LocalNetwork}. Not thread-safe; use from one thread. */
    public static final class Builder {
        private Duration latency = Duration.ZERO;
        private double lossRate;
        private long seed = 1;

        private Builder() {}

        /** One-way delay added to every frame; default zero. */
        public Builder latency(Duration latency) {
            Objects.requireNonNull(latency, "latency");
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative");
            }
            this.latency = latency;
            return this;
        }

        /** Probability in [0, 1) that a frame is silently lost; default 0. */
        public Builder lossRate(double rate) {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("loss rate must be in [0, 1): " + rate);
            }
            this.lossRate = rate;
            return this;
        }

        /** Seed of the loss decisions, so a run can be repeated; default 1. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Builds the network. */
        public LocalNetwork build() {
            return new LocalNetwork(this);
        }
    }
}
