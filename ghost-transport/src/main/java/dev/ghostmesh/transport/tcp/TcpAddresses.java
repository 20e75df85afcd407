package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.PeerAddress;
import java.util.Locale;

/**
 * TCP addresses as people type them (for {@link TcpTransport#parseAddress}): the port may be
 * left out and the {@code tcp:} scheme too, since on the command line a TCP address is what
 * everyone means. Stateless.
 */
final class TcpAddresses {
    private static final String PREFIX = PeerAddress.TCP + ":";

    private TcpAddresses() {}

    static PeerAddress parse(String text, int defaultPort) {
        if (defaultPort < 1 || defaultPort > 65535) {
            throw new IllegalArgumentException("invalid default port " + defaultPort
                    + ": must be 1-65535");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("invalid address: empty");
        }
        String s = text.strip();
        if (s.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            s = s.substring(PREFIX.length());
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("invalid address '" + text.strip()
                        + "': missing ]");
            }
            String host = host(text, s.substring(1, close));
            String rest = s.substring(close + 1);
            if (rest.isEmpty()) {
                return PeerAddress.tcp(host, defaultPort);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("invalid address '" + text.strip()
                        + "': expected :port after ]");
            }
            return PeerAddress.tcp(host, port(rest.substring(1)));
        }
        int colon = s.lastIndexOf(':');
        if (colon >= 0 && s.indexOf(':') == colon) {
            return PeerAddress.tcp(host(text, s.substring(0, colon)),
                    port(s.substring(colon + 1)));
        }
        // No colon, or several (a bare IPv6 literal): all of it is the host.
        return PeerAddress.tcp(host(text, s), defaultPort);
    }

    /** A decimal 1..65535, or a user-facing IllegalArgumentException. */
    static int port(String text) {
        String s = text == null ? "" : text.strip();
        if (!s.isEmpty() && s.length() <= 5 && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int port = Integer.parseInt(s);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        throw new IllegalArgumentException("invalid port '" + text + "': must be 1-65535");
    }

    private static String host(String text, String host) {
        if (host.isBlank()) {
            throw new IllegalArgumentException("invalid address '" + text.strip()
                    + "': no host");
        }
        return host;
    }
}
