package dev.ghostmesh.transport.lan;

import dev.ghostmesh.spi.Discovery;
import dev.ghostmesh.spi.DiscoveryContext;
import dev.ghostmesh.spi.MeshClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zero-configuration LAN discovery: every {@code interval} (plus up to 20% random jitter) it
 * sends a 23-byte beacon (protocol version, node id, TCP port; see PROTOCOL.md, "LAN
 * discovery") to a multicast group on each interface, or to the interface's broadcast address
 * where multicast is unavailable, and reports every beacon it hears to
 * {@link DiscoveryContext#onPeerFound} as the datagram's source address with the beacon's TCP
 * port. A beacon is only a hint: the core dials it and the link handshake proves the id.
 *
 * <pre>{@code
 * MeshNode node = MeshNode.builder().transport(tcp)
 *         .discovery(LanDiscovery.builder().build()) ... .build();
 * }</pre>
 *
 * <p>Several nodes on one host share the UDP port. Received beacons are bounded in cost: at most
 * 20 per second (burst 40) are processed from one source address (buckets kept for the 1,024
 * most recent sources), a given (id, address) is reported at most once per interval, and the
 * table of peers heard holds at most {@code maxPeers} entries, each forgotten after 3 intervals
 * of silence. Nothing received is ever answered: the socket only sends the periodic beacon to
 * the group or broadcast address, so it cannot be used for amplification. Beacons are sent with
 * a multicast TTL of 1 and never leave the local network.
 *
 * <p>Threading: every method is thread-safe. The discovery runs no thread of its own: its socket
 * is registered with the selector of the node's loop thread ({@link DiscoveryContext#register}),
 * beacons are sent from a timer on the node's loop, and received beacons are handled there, at
 * most 64 per readiness event so that a flood cannot keep the loop from the node's other work.
 * Every {@link DiscoveryContext} call but {@code start}'s setup is made on the loop.
 */
public final class LanDiscovery implements Discovery {
    private static final Logger log = LoggerFactory.getLogger(LanDiscovery.class);
    static final String DEFAULT_GROUP = "239.255.77.77";
    static final int DEFAULT_PORT = 6677;
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    static final Duration MAX_INTERVAL = Duration.ofHours(1);
    static final int SOURCE_BEACONS_PER_SECOND = 20;
    static final int SOURCE_BURST = 40;
    static final int MAX_SOURCES = 1024;
    static final int EXPIRY_INTERVALS = 3;
    private static final long CLOSE_WAIT_MILLIS = 500;

    private final InetAddress group;
    private final int port;
    private final List<String> interfaces; // null: every suitable interface
    private final Duration interval;
    private final boolean multicast;
    private final PeerTable table;
    private final Counters counters = new Counters();
    private final Object lifecycle = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean started; // guarded by lifecycle
    private volatile BeaconLoop loop;
    private volatile MeshClock clock = MeshClock.system();

    private LanDiscovery(Builder b) {
        this.group = b.group;
        this.port = b.port;
        this.interfaces = b.interfaces;
        this.interval = b.interval;
        this.multicast = b.multicast;
        this.table = new PeerTable(b.maxPeers, interval.toNanos(),
                interval.toNanos() * EXPIRY_INTERVALS);
    }

    /** A builder with the documented defaults. Callable from any thread. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the UDP port and joins the group on each interface, then hands the socket to the
     * node's loop, which registers it and sends the first beacon within a fifth of the interval.
     * Returns once the socket is bound. Called by the thread that starts the node, after the
     * transports listen: the TCP port advertised is the port of the first of
     * {@link DiscoveryContext#listenAddresses()} (with none, nothing is sent, but beacons are
     * still heard).
     *
     * @throws IllegalArgumentException if a configured interface does not exist (the message
     *     names it and the interfaces that do)
     * @throws IOException with a user-facing message if the port cannot be bound, e.g.
     *     {@code cannot bind UDP port 6677 for LAN discovery: Address already in use}
     * @throws IllegalStateException if already started or closed
     */
    @Override
    public void start(DiscoveryContext context) throws IOException {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(context.localId(), "context.localId()");
        this.clock = context.clock();
        synchronized (lifecycle) {
            if (closed.get()) {
                throw new IllegalStateException("discovery is closed");
            }
            if (started) {
                throw new IllegalStateException("discovery already started");
            }
            DatagramChannel channel = null;
            List<Endpoint> endpoints = new ArrayList<>();
            try {
                List<NetworkInterface> nifs = LanInterfaces.resolve(interfaces);
                channel = LanSockets.bind(port);
                for (NetworkInterface nif : nifs) {
                    endpoints.add(Endpoint.open(channel, nif, group, port, multicast));
                }
                String name = "lan-" + port + "-" + context.localId().shortHex();
                BeaconLoop l = new BeaconLoop(name, channel, endpoints,
                        new InetSocketAddress(group, port), context, interval.toNanos(),
                        new SourceLimiter(SOURCE_BEACONS_PER_SECOND, SOURCE_BURST, MAX_SOURCES),
                        table, counters);
                loop = l;
                started = true;
                l.start();
                log.debug("LAN discovery on {}:{} via {}", group.getHostAddress(), port,
                        endpoints);
            } catch (IOException | RuntimeException e) {
                endpoints.forEach(Endpoint::leave);
                LanSockets.closeQuietly(channel);
                throw e;
            }
        }
    }

    /**
     * Stops beaconing, leaves the group and closes the socket. On the node's loop (a context
     * callback, a loop task) that happens at once; from another thread it is handed to the loop
     * and waited for, at most 500 ms (normally well under a millisecond), after which the socket
     * is closed from the calling thread, so none is left open by a loop that no longer runs. A
     * node on a host-driven loop group has its loop run by this call meanwhile
     * ({@link DiscoveryContext#await}).
     * Idempotent; callable from any thread.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        BeaconLoop l;
        synchronized (lifecycle) { // lets a concurrent start finish, so its socket is closed
            l = loop;
        }
        if (l == null) {
            return;
        }
        l.stop();
        // A host-driven node's loop is run by this call meanwhile: nobody else runs it.
        if (!l.context().await(l.closed(), Duration.ofMillis(CLOSE_WAIT_MILLIS))) {
            // The node's loop is stopping, or its host no longer polls it.
            log.debug("{} was not closed on the loop within {} ms; closing its socket", l,
                    CLOSE_WAIT_MILLIS);
            l.forceClose();
        }
    }

    /** True while the socket is open: started, and neither closed nor failed since. */
    boolean isOpen() {
        BeaconLoop l = loop;
        return l != null && !l.closed().isDone();
    }

    /**
     * The peers heard within the last 3 intervals, least recently seen first; at most
     * {@code maxPeers}. A snapshot for diagnostics and tests; callable from any thread.
     */
    public List<DiscoveredPeer> peers() {
        MeshClock clock = this.clock;
        long now = clock.nanoTime();
        table.expire(now);
        return table.snapshot(now, clock.instant());
    }

    /** The counters so far; each is read atomically, not all together. Any thread. */
    public Stats stats() {
        return counters.snapshot();
    }

    @Override
    public String toString() {
        return "LanDiscovery[" + group.getHostAddress() + ":" + port + "]";
    }

    /**
     * Counters of a {@link LanDiscovery} since it started. Immutable and thread-safe.
     *
     * @param beaconsSent beacon datagrams sent (one per interface per interval)
     * @param beaconsReceived datagrams received on the discovery port, valid or not
     * @param ownIgnored beacons carrying this node's own id (our own, looped back, or forged)
     * @param invalid datagrams that were not exactly one valid beacon
     * @param rateLimited datagrams dropped unread because their source exceeded its budget
     * @param reported calls to {@link DiscoveryContext#onPeerFound}
     */
    public record Stats(long beaconsSent, long beaconsReceived, long ownIgnored, long invalid,
            long rateLimited, long reported) {
    }

    /**
     * Configures a {@link LanDiscovery}. Not thread-safe: use one builder from one thread. Each
     * {@link #build()} snapshots the settings, so a builder can make several discoveries.
     */
    public static final class Builder {
        private InetAddress group = LanSockets.parseGroup(DEFAULT_GROUP);
        private int port = DEFAULT_PORT;
        private List<String> interfaces;
        private Duration interval = Duration.ofSeconds(5);
        private int maxPeers = 256;
        private boolean multicast = true;

        private Builder() {
        }

        /**
         * The IPv4 multicast group, as a literal; default {@code 239.255.77.77}, in the
         * administratively scoped range (RFC 2365) that is never routed off the site; beacons
         * also carry a TTL of 1, so they stay on the local link. Call from the builder's
         * thread.
         *
         * @throws IllegalArgumentException if not an IPv4 multicast address literal
         */
        public Builder group(String group) {
            this.group = LanSockets.parseGroup(group);
            return this;
        }

        /**
         * The UDP port every node beacons to and listens on; default 6677. Nodes find each
         * other only if they use the same group and port. Call from the builder's thread.
         *
         * @throws IllegalArgumentException if not 1-65535
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("invalid port " + port + ": must be 1-65535");
            }
            this.port = port;
            return this;
        }

        /**
         * The interfaces to beacon and listen on, by name ({@code eth0}, {@code lo}); checked
         * by {@link LanDiscovery#start}, which fails for a name that does not exist. Default:
         * every interface that is up, not point-to-point and has an IPv4 address, loopback
         * included so that nodes on one offline host still meet. Call from the builder's
         * thread.
         *
         * @throws IllegalArgumentException if empty or a name is blank
         */
        public Builder interfaces(List<String> names) {
            Objects.requireNonNull(names, "names");
            if (names.isEmpty()) {
                throw new IllegalArgumentException("interfaces: name at least one");
            }
            List<String> copy = new ArrayList<>(names.size());
            for (String n : names) {
                if (n == null || n.isBlank()) {
                    throw new IllegalArgumentException("invalid interface name: empty");
                }
                copy.add(n.strip());
            }
            this.interfaces = List.copyOf(copy);
            return this;
        }

        /**
         * The beacon period; default 5 s. Each beacon goes out after this plus a random jitter
         * of up to a fifth of it; peers are reported at most once per interval and forgotten
         * after 3 silent intervals. Call from the builder's thread.
         *
         * @throws IllegalArgumentException if below 100 ms (beacons from a few nodes on one
         *     host would then exceed the 20 per second a receiver accepts from one address) or
         *     above 1 hour
         */
        public Builder interval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
                throw new IllegalArgumentException("interval must be 100 ms to 1 h: " + interval);
            }
            this.interval = interval;
            return this;
        }

        /**
         * The bound of the table of peers heard; default 256. When full, the least recently
         * seen entry is evicted. Call from the builder's thread.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxPeers(int maxPeers) {
            if (maxPeers < 1) {
                throw new IllegalArgumentException("maxPeers must be positive: " + maxPeers);
            }
            this.maxPeers = maxPeers;
            return this;
        }

        /** Off: never join the group, beacon to broadcast addresses only. For tests. */
        Builder multicast(boolean multicast) {
            this.multicast = multicast;
            return this;
        }

        /** A new, unstarted discovery with these settings. Call from the builder's thread. */
        public LanDiscovery build() {
            return new LanDiscovery(this);
        }
    }
}
