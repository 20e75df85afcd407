package dev.ghostmesh.cli;

import dev.ghostmesh.spi.Discovery;
import dev.ghostmesh.spi.DiscoveryContext;
import dev.ghostmesh.transport.lan.LanDiscovery;
import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The CLI's LAN discovery: a {@link LanDiscovery} on the default group and port, on the
 * interfaces of {@code --discovery-interface} (default: all that are up), which remembers why it
 * did not start so the banner can say so (the node only logs it and runs on without it).
 *
 * <p>Threading: {@link #start} and {@link #close} are called by the node (see
 * {@link Discovery}); the accessors are thread-safe.
 */
final class LanSetup implements Discovery {
    /** LanDiscovery's defaults, repeated for --help, the banner and /status. */
    static final String GROUP = "239.255.77.77";
    static final int PORT = 6677;
    static final int INTERVAL_SECONDS = 5;

    private final List<String> interfaces;
    private final LanDiscovery lan;
    private volatile String startError;

    /** {@code interfaces}: names, or empty for every interface that is up. */
    LanSetup(List<String> interfaces) {
        this.interfaces = List.copyOf(interfaces);
        LanDiscovery.Builder b = LanDiscovery.builder().group(GROUP).port(PORT);
        if (!interfaces.isEmpty()) {
            b.interfaces(interfaces);
        }
        this.lan = b.build();
    }

    @Override
    public void start(DiscoveryContext context) throws IOException {
        try {
            lan.start(context);
        } catch (IOException | RuntimeException e) {
            startError = e.getMessage() == null ? e.toString() : e.getMessage();
            // The node logs an IOException and runs on without discovery; anything else would
            // abort its start, which a missing discovery does not deserve.
            throw e instanceof IOException io ? io : new IOException(startError, e);
        }
    }

    @Override
    public void close() {
        lan.close();
    }

    /** Why discovery did not start, or null. */
    String startError() {
        return startError;
    }

    /** "UDP 239.255.77.77:6677 on all interfaces" or "... on lo, eth1". */
    String where() {
        return "UDP " + GROUP + ":" + PORT + " on " + (interfaces.isEmpty() ? "all interfaces"
                : String.join(", ", interfaces.stream().map(Sanitizer::clean).toList()));
    }

    /** One line for /status: what discovery heard and sent. */
    String summary() {
        if (startError != null) {
            return "off (did not start: " + Sanitizer.clean(startError) + ")";
        }
        LanDiscovery.Stats s = lan.stats();
        int heard = lan.peers().size();
        return "on, " + where() + "; " + heard + (heard == 1 ? " node" : " nodes")
                + " heard; beacons " + s.beaconsSent() + " sent, " + s.beaconsReceived()
                + " received, " + s.invalid() + " invalid, " + s.rateLimited() + " rate-limited";
    }

    /**
     * Why {@code name} cannot be a discovery interface here, or null: it must exist.
     */
    static String interfaceProblem(String name) {
        try {
            if (!name.isBlank() && NetworkInterface.getByName(name) != null) {
                return null;
            }
            String known = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .map(NetworkInterface::getName).sorted().collect(Collectors.joining(", "));
            return "no network interface named '" + Sanitizer.clean(name) + "' (this host has: "
                    + known + ")";
        } catch (SocketException e) {
            return "cannot list network interfaces: " + e.getMessage();
        }
    }
}
