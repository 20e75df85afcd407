package dev.ghostmesh.transport.lan;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket and address helpers for {@link LanDiscovery}, kept apart so the discovery reads as
 * policy.
 *
 * <p>Threading: stateless; callable from any thread.
 */
final class LanSockets {
    private static final Logger log = LoggerFactory.getLogger(LanSockets.class);

    private LanSockets() {
    }

    /**
     * Opens the non-blocking discovery socket on {@code 0.0.0.0:port}, shared with other nodes
     * on the host: the wildcard address receives both the group's datagrams and broadcasts.
     *
     * @throws BindException worded for users: {@code cannot bind UDP port <port> for LAN
     *     discovery: <reason>}
     */
    static DatagramChannel bind(int port) throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[4]), port));
            ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
            // Loop on: other nodes on this host hear our beacons (ours come back as ownIgnored).
            ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            // TTL 1: a beacon never crosses a router.
            ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
            ch.configureBlocking(false);
            return ch;
        } catch (IOException e) {
            closeQuietly(ch);
            BindException b = new BindException("cannot bind UDP port " + port
                    + " for LAN discovery: " + e.getMessage());
            b.initCause(e);
            throw b;
        }
    }

    /**
     * Parses a dotted-quad IPv4 multicast address without any name lookup.
     *
     * @throws IllegalArgumentException if {@code text} is anything else
     */
    static InetAddress parseGroup(String text) {
        Objects.requireNonNull(text, "group");
        String[] parts = text.strip().split("\\.", -1);
        if (parts.length == 4) {
            byte[] b = new byte[4];
            boolean ok = true;
            for (int i = 0; i < 4 && ok; i++) {
                ok = parts[i].matches("[0-9]{1,3}") && Integer.parseInt(parts[i]) <= 255;
                b[i] = ok ? (byte) Integer.parseInt(parts[i]) : 0;
            }
            try {
                InetAddress a = InetAddress.getByAddress(b);
                if (ok && a.isMulticastAddress()) {
                    return a;
                }
            } catch (UnknownHostException e) {
                throw new IllegalStateException("4 bytes are always an IPv4 address", e);
            }
        }
        throw new IllegalArgumentException("invalid group '" + text
                + "': must be an IPv4 multicast address (224.0.0.0-239.255.255.255)");
    }

    static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            log.debug("close failed: {}", e.toString());
        }
    }
}
