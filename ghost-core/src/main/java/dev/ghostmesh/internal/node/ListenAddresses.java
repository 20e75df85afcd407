package dev.ghostmesh.internal.node;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.internal.codec.AnnouncedAddress;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns what transports listen on into what this node announces: a wildcard bind (0.0.0.0 or
 * ::) becomes the addresses of the interfaces that are up, so that others learn where they can
 * actually reach us. Loopback addresses are announced only when there is nothing else. IP
 * addresses take the announced form ({@link AnnouncedAddress}): IPv6 in RFC 5952 form without
 * a zone id (the JDK appends the interface, {@code %eth0}, which means nothing to a peer), and
 * link-local addresses not at all, since they are unusable without one. Other transports'
 * addresses ({@code local:alice}) are announced as they are, unless their text would read back
 * as something else ({@link AnnouncedAddress#readsBack}).
 */
final class ListenAddresses {
    private ListenAddresses() {}

    static List<PeerAddress> advertised(List<PeerAddress> listening) {
        return advertised(listening, ListenAddresses::interfaceAddresses);
    }

    /** As above, with the host's interface addresses from {@code interfaces}. */
    static List<PeerAddress> advertised(List<PeerAddress> listening,
            Supplier<List<InetAddress>> interfaces) {
        List<PeerAddress> out = new ArrayList<>();
        for (PeerAddress a : listening) {
            InetAddress ip = PeerAddress.TCP.equals(a.scheme()) ? literal(a.host()) : null;
            if (ip == null) {
                if (AnnouncedAddress.readsBack(a)) {
                    out.add(a); // a host name, or another transport's address: as it is
                }
            } else if (ip.isAnyLocalAddress()) {
                for (String host : preferExternal(interfaces.get())) {
                    out.add(PeerAddress.tcp(host, a.port()));
                }
            } else if (AnnouncedAddress.host(ip) != null) {
                out.add(PeerAddress.tcp(AnnouncedAddress.host(ip), a.port()));
            }
        }
        return out;
    }

    /** The IP address {@code host} spells, without any lookup; null for a name. */
    private static InetAddress literal(String host) {
        boolean v6 = host.indexOf(':') >= 0;
        if (!v6 && !host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            return null;
        }
        int zone = host.indexOf('%');
        String bare = v6 && zone >= 0 ? host.substring(0, zone) : host; // never announced
        try {
            // Brackets make the JDK parse an IPv6 literal or fail, never resolve a name.
            return InetAddress.getByName(v6 ? "[" + bare + "]" : bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static List<String> preferExternal(List<InetAddress> addresses) {
        List<String> external = new ArrayList<>();
        List<String> loopback = new ArrayList<>();
        for (InetAddress ip : addresses) {
            String host = AnnouncedAddress.host(ip);
            if (host != null) {
                (ip.isLoopbackAddress() ? loopback : external).add(host);
            }
        }
        return external.isEmpty() ? loopback : external;
    }

    private static List<InetAddress> interfaceAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isUp()) {
                    out.addAll(Collections.list(nif.getInetAddresses()));
                }
            }
        } catch (SocketException e) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        return out;
    }
}
