package dev.ghostmesh.transport.lan;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.spi.DiscoveryContext;
import dev.ghostmesh.spi.PeerAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Selector;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread of a {@link LanDiscovery}: waits on a selector for datagrams or the next beacon
 * time, sends the periodic beacon, and turns received beacons into reports. Every check that
 * costs work comes after the per-source rate limit, so a flood costs a receive call and a hash
 * lookup per datagram, and nothing it sends is ever answered.
 *
 * <p>Threading: {@link #start()}, {@link #stop()} and {@link #thread()} may be called from any
 * thread; everything else runs on the loop thread, which makes every {@link DiscoveryContext}
 * call.
 */
final class BeaconLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(BeaconLoop.class);
    // Bounds one pass under a flood, so the beacon timer is still checked between batches.
    private static final int RECEIVES_PER_PASS = 256;
    // Larger than a beacon, so an over-long datagram is seen as such rather than truncated.
    private static final int RECEIVE_BUFFER_BYTES = 64;

    private final DatagramChannel channel;
    private final Selector selector;
    private final List<Endpoint> endpoints;
    private final InetSocketAddress group;
    private final DiscoveryContext context;
    private final NodeId localId;
    private final long intervalNanos;
    private final SourceLimiter limiter;
    private final PeerTable table;
    private final Counters counters;
    private final Thread thread;
    private final byte[] received = new byte[RECEIVE_BUFFER_BYTES];
    private final ByteBuffer receiveBuffer = ByteBuffer.wrap(received);
    private volatile boolean stopping;
    private ByteBuffer beacon;
    private int beaconPort;
    private boolean warnedNoListenAddress;

    BeaconLoop(String name, DatagramChannel channel, Selector selector, List<Endpoint> endpoints,
            InetSocketAddress group, DiscoveryContext context, long intervalNanos,
            SourceLimiter limiter, PeerTable table, Counters counters) {
        this.channel = channel;
        this.selector = selector;
        this.endpoints = List.copyOf(endpoints);
        this.group = group;
        this.context = context;
        this.localId = context.localId();
        this.intervalNanos = intervalNanos;
        this.limiter = limiter;
        this.table = table;
        this.counters = counters;
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    /** Asks the loop to leave the group, close its socket and end. Any thread. */
    void stop() {
        stopping = true;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            // The first beacon goes out soon (jitter only), so a starting node is found quickly.
            long nextBeacon = context.clock().nanoTime() + jitter();
            while (!stopping) {
                long now = context.clock().nanoTime();
                if (now - nextBeacon >= 0) {
                    sendBeacons();
                    nextBeacon = now + intervalNanos + jitter();
                }
                table.expire(now);
                selector.select(millisUntil(nextBeacon, now));
                selector.selectedKeys().clear();
                receive();
            }
        } catch (IOException e) {
            if (!stopping) {
                log.warn("LAN discovery {} stopped: {}", thread.getName(), e.toString());
            }
        } catch (RuntimeException | Error e) {
            log.error("LAN discovery {} failed", thread.getName(), e);
            throw e;
        } finally {
            cleanUp();
        }
    }

    // Random jitter in [0, interval/5], so nodes started together do not beacon in lockstep.
    private long jitter() {
        return ThreadLocalRandom.current().nextLong(intervalNanos / 5 + 1);
    }

    private static long millisUntil(long deadline, long now) {
        // Rounded up, so the loop does not wake a fraction early and spin until the deadline.
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - now + 999_999));
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

    private int tcpPort() {
        try {
            List<PeerAddress> listening = context.listenAddresses();
            return listening == null || listening.isEmpty() ? 0 : listening.get(0).port();
        } catch (RuntimeException e) {
            log.error("listenAddresses() failed", e);
            return 0;
        }
    }

    private void receive() throws IOException {
        long now = context.clock().nanoTime();
        for (int i = 0; i < RECEIVES_PER_PASS && !stopping; i++) {
            receiveBuffer.clear();
            InetSocketAddress from = (InetSocketAddress) channel.receive(receiveBuffer);
            if (from == null) {
                return;
            }
            onDatagram(from, receiveBuffer.position(), now);
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
        PeerAddress address = new PeerAddress(from.getAddress().getHostAddress(), b.tcpPort());
        if (table.observe(b.claimedId(), address, now)) {
            counters.reported.incrementAndGet();
            try {
                context.onPeerFound(address, b.claimedId());
            } catch (RuntimeException e) {
                log.error("onPeerFound failed for {}", address, e);
            }
        }
    }

    private void cleanUp() {
        for (Endpoint ep : endpoints) {
            try {
                ep.leave();
            } catch (RuntimeException e) {
                log.debug("leaving the group on {} failed: {}", ep.nif().getName(), e.toString());
            }
        }
        LanSockets.closeQuietly(channel);
        LanSockets.closeQuietly(selector);
        log.debug("{} stopped", thread.getName());
    }
}
