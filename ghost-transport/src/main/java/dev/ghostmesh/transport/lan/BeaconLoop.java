package dev.ghostmesh.transport.lan;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.DiscoveryContext;
import dev.ghostmesh.spi.IoHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of a {@link LanDiscovery}, done on the node's loop with no thread of its own: the
 * socket is registered with the selector of the node's loop thread
 * ({@link DiscoveryContext#register}), the periodic beacon is a loop timer, and received beacons
 * are turned into reports in the readiness callback. Every check that costs work comes after the
 * per-source rate limit, so a flood costs a receive call and a hash lookup per datagram, and
 * nothing it sends is ever answered.
 *
 * <p>The loop is shared with the node's links (and maybe other nodes), so one readiness event
 * reads at most {@link #RECEIVES_PER_EVENT} datagrams: under a flood the selector reports the
 * socket ready again on its next pass, after the tasks and timers queued meanwhile have run.
 *
 * <p>Threading: {@link #start()}, {@link #stop()}, {@link #forceClose()} and {@link #closed()}
 * may be called from any thread; everything else runs on the node's loop, which makes every
 * {@link DiscoveryContext} call.
 */
final class BeaconLoop implements IoHandler {
    private static final Logger log = LoggerFactory.getLogger(BeaconLoop.class);
    // Bounds one readiness event under a flood: about 64 receive calls, tens of microseconds.
    static final int RECEIVES_PER_EVENT = 64;
    // Larger than a beacon, so an over-long datagram is seen as such rather than truncated.
    private static final int RECEIVE_BUFFER_BYTES = 64;

    private final String name;
    private final DatagramChannel channel;
    private final List<Endpoint> endpoints;
    private final InetSocketAddress group;
    private final DiscoveryContext context;
    private final NodeId localId;
    private final long intervalNanos;
    private final SourceLimiter limiter;
    private final PeerTable table;
    private final Counters counters;
    private final byte[] received = new byte[RECEIVE_BUFFER_BYTES];
    private final ByteBuffer receiveBuffer = ByteBuffer.wrap(received);
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile boolean stopping;
    /** Cancels the next beacon; volatile so that {@link #forceClose} may cancel it. */
    private volatile Runnable beaconTimer;
    private ByteBuffer beacon;
    private int beaconPort;
    private boolean warnedNoListenAddress;

    BeaconLoop(String name, DatagramChannel channel, List<Endpoint> endpoints,
            InetSocketAddress group, DiscoveryContext context, long intervalNanos,
            SourceLimiter limiter, PeerTable table, Counters counters) {
        this.name = name;
        this.channel = channel;
        this.endpoints = List.copyOf(endpoints);
        this.group = group;
        this.context = context;
        this.localId = context.localId();
        this.intervalNanos = intervalNanos;
        this.limiter = limiter;
        this.table = table;
        this.counters = counters;
    }

    /** Registers the socket on the node's loop and arms the first beacon. Any thread. */
    void start() {
        onLoop(this::register);
    }

    /**
     * Leaves the group and closes the socket: at once on the loop, otherwise in a task handed to
     * it ({@link #closed()} completes when done). Any thread.
     */
    void stop() {
        stopping = true; // a report or beacon already queued on the loop is skipped
        onLoop(this::closeNow);
    }

    DiscoveryContext context() {
        return context;
    }

    /** Completes once the socket is closed. */
    CompletableFuture<Void> closed() {
        return closed;
    }

    /**
     * The loop did not run {@link #stop}'s task in time (the node stopped, or its host no longer
     * polls it): closes the socket from this thread, which drops its memberships and cancels its
     * key, so no port or group is left held. Any thread.
     */
    void forceClose() {
        stopping = true;
        Runnable timer = beaconTimer;
        if (timer != null) {
            timer.run();
        }
        LanSockets.closeQuietly(channel);
        closed.complete(null);
    }

    private void onLoop(Runnable task) {
        if (context.inLoop()) {
            task.run();
        } else {
            context.execute(task);
        }
    }

    private void register() {
        if (stopping) {
            return; // closed before the loop got here; closeNow follows in the queue
        }
        try {
            context.register(channel, SelectionKey.OP_READ, this);
        } catch (IOException | RuntimeException e) {
            log.warn("LAN discovery {} cannot use the node's loop: {}", name, e.toString());
            closeNow();
            return;
        }
        // The first beacon goes out soon (jitter only), so a starting node is found quickly.
        armBeacon(jitter());
    }

    private void armBeacon(long delayNanos) {
        beaconTimer = context.schedule(this::onBeaconTimer, Duration.ofNanos(delayNanos));
    }

    private void onBeaconTimer() {
        if (stopping) {
            return;
        }
        sendBeacons();
        table.expire(context.clock().nanoTime());
        armBeacon(intervalNanos + jitter());
    }

    // Random jitter in [0, interval/5], so nodes started together do not beacon in lockstep.
    private long jitter() {
        return ThreadLocalRandom.current().nextLong(intervalNanos / 5 + 1);
    }

    private void sendBeacons() {
        int port = tcpPort();
        if (port == 0) {
            if (!warnedNoListenAddress) {
                log.info("LAN discovery: no listen address to advertise; listening only");
                warnedNoListenAddress = true;
            }
            return;
        }
        if (port != beaconPort) { // the transport may have been restarted on another port
            beacon = ByteBuffer.wrap(new Beacon(localId, port).encode());
            beaconPort = port;
        }
        for (Endpoint ep : endpoints) {
            if (ep.send(channel, beacon, group)) {
                counters.beaconsSent.incrementAndGet();
            }
        }
    }

    /** The port of the first TCP listen address (beacons carry a TCP port), or 0. */
    private int tcpPort() {
        try {
            List<PeerAddress> listening = context.listenAddresses();
            if (listening == null) {
                return 0;
            }
            return listening.stream().filter(a -> PeerAddress.TCP.equals(a.scheme()))
                    .mapToInt(PeerAddress::port).findFirst().orElse(0);
        } catch (RuntimeException e) {
            log.error("listenAddresses() failed", e);
            return 0;
        }
    }

    /** The socket has datagrams: handles a bounded batch of them. Loop only. */
    @Override
    public void onReady(SelectionKey key) {
        if (stopping) {
            return;
        }
        long now = context.clock().nanoTime();
        try {
            for (int i = 0; i < RECEIVES_PER_EVENT; i++) {
                receiveBuffer.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(receiveBuffer);
                if (from == null) {
                    break;
                }
                onDatagram(from, receiveBuffer.position(), now);
                if (stopping) {
                    return; // a report's callback closed the discovery
                }
            }
            table.expire(now);
        } catch (IOException e) {
            if (!stopping) {
                log.warn("LAN discovery {} stopped: {}", name, e.toString());
                closeNow();
            }
        } catch (RuntimeException e) {
            // A bug here would fail again on every readiness event: stop rather than spin.
            log.error("LAN discovery {} failed", name, e);
            closeNow();
        }
    }

    private void onDatagram(InetSocketAddress from, int length, long now) {
        counters.beaconsReceived.incrementAndGet();
        if (!limiter.tryAcquire(from.getAddress(), now)) {
            counters.rateLimited.incrementAndGet();
            return;
        }
        Beacon b = Beacon.decode(received, length);
        if (b == null) {
            counters.invalid.incrementAndGet();
            return;
        }
        if (b.claimedId().equals(localId)) {
            counters.ownIgnored.incrementAndGet();
            return;
        }
        // The source address, never anything the datagram claims, is where the core dials.
        PeerAddress address = PeerAddress.tcp(from.getAddress().getHostAddress(), b.tcpPort());
        if (table.observe(b.claimedId(), address, now)) {
            counters.reported.incrementAndGet();
            try {
                context.onPeerFound(address, b.claimedId());
            } catch (RuntimeException e) {
                log.error("onPeerFound failed for {}", address, e);
            }
        }
    }

    /** Cancels the beacon, leaves the group and closes the socket. Loop only; idempotent. */
    private void closeNow() {
        stopping = true;
        if (closed.isDone()) {
            return;
        }
        Runnable timer = beaconTimer;
        if (timer != null) {
            timer.run();
            beaconTimer = null;
        }
        for (Endpoint ep : endpoints) {
            try {
                ep.leave();
            } catch (RuntimeException e) {
                log.debug("leaving the group on {} failed: {}", ep.nif().getName(), e.toString());
            }
        }
        // Closing cancels the key; the loop's selector lets go of the socket on its next pass.
        LanSockets.closeQuietly(channel);
        closed.complete(null);
        log.debug("{} stopped", name);
    }

    @Override
    public String toString() {
        return name;
    }
}
