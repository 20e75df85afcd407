package dev.ghostmesh.local;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.TransportContext;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process network for tests, examples and simulations: {@link LocalTransport}s created
 * from it reach each other by name, with optional fixed latency and random frame loss (seeded,
 * so runs repeat).
 *
 * <p>The network runs no thread of its own: a frame is delivered by a task on the receiving
 * node's loop (after the latency, on that node's clock), so the receiver handles it where it
 * handles everything else, with no hand-off, and nodes on a {@link ManualClock} see latency in
 * virtual time.
 *
 * <p>Threading: thread-safe. {@code TransportContext} callbacks run on the receiving node's
 * loop, in order per link.
 */
public final class LocalNetwork implements AutoCloseable {
    private final Map<String, LocalTransport> transports = new ConcurrentHashMap<>();
    private final Duration latency;
    private volatile boolean closed;
    private final double lossRate;
    private final SplittableRandom random;
    private final java.util.Set<String> cuts = ConcurrentHashMap.newKeySet();

    private LocalNetwork(Builder b) {
        this.latency = b.latency;
        this.lossRate = b.lossRate;
        this.random = new SplittableRandom(b.seed);
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
     * A new transport that will be reachable at {@code PeerAddress.local(name)} once its node
     * starts. Callable from any thread.
     *
     * @throws IllegalArgumentException if {@code name} is blank, has white space around it, or
     *     is all digits (an announce lists the address as {@code local:<name>}, and
     *     {@code local:5} reads there as a TCP host and port)
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

    /** Stops the network: frames in flight and sent from now on are dropped. Idempotent. */
    @Override
    public void close() {
        closed = true;
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

    /**
     * Runs {@code task} on the loop of the node behind {@code to} after the network's latency;
     * tasks for one receiver run in the order they were handed over.
     */
    void deliver(TransportContext to, Runnable task) {
        if (closed || to == null) {
            return;
        }
        Runnable unlessClosed = () -> {
            if (!closed) {
                task.run();
            }
        };
        if (latency.isZero()) {
            to.execute(unlessClosed);
        } else {
            to.schedule(unlessClosed, latency);
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
