package dev.ghostmesh.internal.node;

import dev.ghostmesh.spi.PeerAddress;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns what transports listen on into what this node announces: a wildcard bind (0.0.0.0 or
 * ::) becomes the addresses of the interfaces that are up, so that others learn where they can
 * actually reach us. Loopback addresses are announced only when there is nothing else.
 */
final class ListenAddresses {
    private ListenAddresses() {}

    static List<PeerAddress> advertised(List<PeerAddress> listening) {
        List<PeerAddress> out = new ArrayList<>();
        for (PeerAddress a : listening) {
            if (isWildcard(a.host())) {
                interfaceAddresses().forEach(ip -> out.add(new PeerAddress(ip, a.port())));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }

    private static List<String> interfaceAddresses() {
        List<String> external = new ArrayList<>();
        List<String> loopback = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp()) {
                    continue;
                }
                for (InetAddress ip : Collections.list(nif.getInetAddresses())) {
                    if (ip.isLinkLocalAddress()) {
                        continue; // needs a scope id that means nothing to the peer
                    }
                    (ip.isLoopbackAddress() ? loopback : external).add(ip.getHostAddress());
                }
            }
        } catch (SocketException e) {
            return List.of("127.0.0.1");
        }
        return external.isEmpty() ? loopback : external;
    }
}
