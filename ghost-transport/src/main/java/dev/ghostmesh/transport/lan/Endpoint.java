package dev.ghostmesh.transport.lan;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One interface the discovery beacons on, and how: to the multicast group while that works,
 * otherwise to the interface's IPv4 broadcast address. A failed join or a failed multicast send
 * switches the interface to broadcast for the rest of the run; the group membership (if any) is
 * kept, so multicast beacons from other nodes are still heard.
 *
 * <p>Threading: not thread-safe; created by the thread that starts the discovery, then used only
 * on the node's loop, where the discovery runs.
 */
final class Endpoint {
    private static final Logger log = LoggerFactory.getLogger(Endpoint.class);

    enum Mode { MULTICAST, BROADCAST, NONE }

    private final NetworkInterface nif;
    private final InetSocketAddress broadcast;
    private final MembershipKey membership;
    private Mode mode;
    private boolean broadcastFailing;

    Endpoint(NetworkInterface nif, InetSocketAddress broadcast, MembershipKey membership,
            Mode mode) {
        this.nif = nif;
        this.broadcast = broadcast;
        this.membership = membership;
        this.mode = mode;
    }

    /**
     * Joins {@code group} on {@code nif} (unless {@code multicast} is off), falling back to
     * broadcast when the join fails. Never throws for a per-interface problem: an interface that
     * can do neither is kept in mode {@link Mode#NONE} and only logged.
     */
    static Endpoint open(DatagramChannel channel, NetworkInterface nif, InetAddress group,
            int port, boolean multicast) {
        InetAddress bcast = broadcastAddress(nif);
        InetSocketAddress target = bcast == null ? null : new InetSocketAddress(bcast, port);
        if (multicast) {
            try {
                MembershipKey key = channel.join(group, nif);
                return new Endpoint(nif, target, key, Mode.MULTICAST);
            } catch (IOException | UnsupportedOperationException e) {
                log.info("cannot join {} on {}: {}", group.getHostAddress(), nif.getName(),
                        e.toString());
            }
        }
        Endpoint ep = new Endpoint(nif, target, null, Mode.MULTICAST);
        ep.fallBack(multicast ? "join failed" : "multicast disabled");
        return ep;
    }

    /** Leaves from multicast to broadcast, or to nothing if there is no broadcast address. */
    void fallBack(String reason) {
        mode = broadcast == null ? Mode.NONE : Mode.BROADCAST;
        if (mode == Mode.NONE) {
            log.warn("LAN discovery cannot beacon on {} ({} and no IPv4 broadcast address); "
                    + "listening only", nif.getName(), reason);
        } else {
            log.info("LAN discovery beacons on {} to broadcast {} ({})", nif.getName(),
                    broadcast, reason);
        }
    }

    /**
     * Sends {@code beacon} (not consumed) the current way; true if the datagram left. Only ever
     * addresses the group or the broadcast address, never a unicast peer.
     */
    boolean send(DatagramChannel channel, ByteBuffer beacon, InetSocketAddress group) {
        if (mode == Mode.MULTICAST) {
            try {
                // One socket serves every interface, so the outgoing one is chosen per send.
                channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
                return channel.send(beacon.duplicate(), group) > 0;
            } catch (IOException e) {
                fallBack("multicast send failed: " + e.getMessage());
            }
        }
        if (mode == Mode.BROADCAST) {
            try {
                boolean sent = channel.send(beacon.duplicate(), broadcast) > 0;
                broadcastFailing = false;
                return sent;
            } catch (IOException e) {
                if (!broadcastFailing) { // once per outage, not every interval
                    log.warn("LAN discovery broadcast on {} failed: {}", nif.getName(),
                            e.toString());
                }
                broadcastFailing = true;
            }
        }
        return false;
    }

    /** Drops the group membership, if any. */
    void leave() {
        if (membership != null) {
            membership.drop();
        }
    }

    Mode mode() {
        return mode;
    }

    InetSocketAddress broadcast() {
        return broadcast;
    }

    NetworkInterface nif() {
        return nif;
    }

    /**
     * The interface's IPv4 broadcast address, or null. Loopback has none by its flags, but Linux
     * routes the top address of its subnet (127.255.255.255) as broadcast, so it is derived from
     * the prefix; other interfaces without one (tunnels) get no broadcast fallback.
     */
    static InetAddress broadcastAddress(NetworkInterface nif) {
        for (InterfaceAddress a : nif.getInterfaceAddresses()) {
            if (!(a.getAddress() instanceof Inet4Address v4)) {
                continue;
            }
            if (a.getBroadcast() != null) {
                return a.getBroadcast();
            }
            if (v4.isLoopbackAddress()) {
                return broadcastOf(v4, a.getNetworkPrefixLength());
            }
        }
        return null;
    }

    /** The top address of {@code address}'s subnet, or null for a /31 or /32 (no broadcast). */
    static InetAddress broadcastOf(Inet4Address address, int prefixLength) {
        if (prefixLength < 0 || prefixLength > 30) {
            return null;
        }
        byte[] b = address.getAddress();
        int ip = (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
        int top = ip | (int) (0xFFFFFFFFL >>> prefixLength);
        try {
            return InetAddress.getByAddress(new byte[] {
                (byte) (top >>> 24), (byte) (top >>> 16), (byte) (top >>> 8), (byte) top});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }

    @Override
    public String toString() {
        return nif.getName() + ":" + mode;
    }
}
