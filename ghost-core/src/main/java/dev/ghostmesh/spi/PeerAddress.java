package dev.ghostmesh.spi;

import java.util.Locale;

/**
 * Where a peer can be reached: a host (name, IPv4 or IPv6 literal, or a {@code LocalNetwork}
 * node name) and a port. Immutable and thread-safe.
 *
 * @param host host name or address, never blank
 * @param port 1..65535
 */
public record PeerAddress(String host, int port) {
    /** The default port of the TCP transport. */
    public static final int DEFAULT_PORT = 6666;

    /** Validates the host and port. */
    public PeerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("invalid host: empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid port " + port + ": must be 1-65535");
        }
        host = host.strip();
    }

    /**
     * Parses {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}; a missing port
     * is {@code defaultPort}. Callable from any thread.
     *
     * @throws IllegalArgumentException with a user-facing message if the text is not an address
     */
    public static PeerAddress parse(String text, int defaultPort) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("invalid address: empty");
        }
        String s = text.strip();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("invalid address '" + text + "': missing ]");
            }
            String host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (rest.isEmpty()) {
                return new PeerAddress(host, defaultPort);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("invalid address '" + text + "'");
            }
            return new PeerAddress(host, parsePort(rest.substring(1)));
        }
        int colon = s.lastIndexOf(':');
        if (colon >= 0 && s.indexOf(':') == colon) {
            return new PeerAddress(s.substring(0, colon), parsePort(s.substring(colon + 1)));
        }
        // No colon, or several (a bare IPv6 literal): all of it is the host.
        return new PeerAddress(s, defaultPort);
    }

    /**
     * Parses a port number given as text.
     *
     * @throws IllegalArgumentException with a user-facing message if it is not 1..65535
     */
    public static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Fall through to the same message as an out-of-range number.
        }
        throw new IllegalArgumentException("invalid port '" + text + "': must be 1-65535");
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    /** The host in lower case, for comparing addresses. */
    public String normalizedHost() {
        return host.toLowerCase(Locale.ROOT);
    }
}
