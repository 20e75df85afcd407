package dev.ghostmesh.transport.lan;

import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the network interfaces a discovery uses.
 *
 * <p>Threading: stateless; callable from any thread.
 */
final class LanInterfaces {
    private static final Logger log = LoggerFactory.getLogger(LanInterfaces.class);

    private LanInterfaces() {
    }

    /**
     * The interfaces named, or with {@code names == null} every interface that is up, not
     * point-to-point and has an IPv4 address. Loopback is included so that nodes on one offline
     * host still meet.
     *
     * @throws IllegalArgumentException naming the interface that does not exist and the ones
     *     that do
     * @throws SocketException if the system cannot list its interfaces
     */
    static List<NetworkInterface> resolve(List<String> names) throws SocketException {
        if (names == null) {
            List<NetworkInterface> all = new ArrayList<>();
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isUp() && !nif.isPointToPoint() && hasIpv4(nif)) {
                    all.add(nif);
                }
            }
            return all;
        }
        List<NetworkInterface> chosen = new ArrayList<>(names.size());
        for (String name : names) {
            NetworkInterface nif = NetworkInterface.getByName(name);
            if (nif == null) {
                throw new IllegalArgumentException("no network interface named '" + name
                        + "' (this host has: " + known() + ")");
            }
            if (!nif.isUp()) {
                log.warn("LAN discovery interface {} is down; beacons on it will fail", name);
            }
            chosen.add(nif);
        }
        return chosen;
    }

    private static boolean hasIpv4(NetworkInterface nif) {
        return nif.inetAddresses().anyMatch(a -> a instanceof Inet4Address);
    }

    private static String known() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .map(NetworkInterface::getName).sorted().collect(Collectors.joining(", "));
    }
}
