package dev.ghostmesh;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a peer can be reached: the scheme of the transport that dials it, a host and a port.
 * {@code TcpTransport} claims {@code tcp} addresses ({@link #tcp}), {@code LocalTransport}
 * {@code local} ones ({@link #local}); a transport claims only its own scheme, so each address
 * says which transport it is for.
 *
 * <p>The text form ({@link #parse}, {@link #toString}) is {@code scheme:host[:port]}, a host
 * with a colon in brackets: {@code tcp:10.0.0.2:6666}, {@code tcp:[::1]:6666},
 * {@code local:alice}. A {@code tcp} address always has its port: defaults such as TCP's 6666
 * belong to the transport ({@code TcpTransport.parseAddress}), not to this type.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scheme the transport scheme: lower case, {@code [a-z][a-z0-9+.-]*}, at most 16
 *     characters
 * @param host host name, IP literal (IPv6 without brackets) or transport-specific name; never
 *     blank, no surrounding white space, no {@code [} or {@code ]}, and not all digits when
 *     there is no port (the text {@code local:5} reads as host {@code local}, port 5)
 * @param port 1..65535 for {@code tcp}; 0..65535 for other schemes, 0 meaning "no port"
 */
public record PeerAddress(String scheme, String host, int port) {
    /** The scheme of {@code TcpTransport}. */
    public static final String TCP = "tcp";
    /** The scheme of {@code LocalTransport}. */
    public static final String LOCAL = "local";

    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]{0,15}");

    /**
     * Validates the scheme, host and port; strips white space around the host.
     *
     * @throws IllegalArgumentException with a user-facing message naming what is invalid
     */
    public PeerAddress {
        if (scheme == null || !SCHEME.matcher(scheme).matches()) {
            throw new IllegalArgumentException("invalid transport scheme '" + scheme
                    + "': must be a lower-case letter, then up to 15 of a-z 0-9 + . -");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("invalid host: empty");
        }
        host = host.strip();
        if (host.indexOf('[') >= 0 || host.indexOf(']') >= 0) {
            throw new IllegalArgumentException("invalid host '" + host
                    + "': no brackets (write an IPv6 address without them)");
        }
        int lowest = scheme.equals(TCP) ? 1 : 0;
        if (port < lowest || port > 65535) {
            throw new IllegalArgumentException("invalid port " + port + ": must be " + lowest
                    + "-65535");
        }
        if (port == 0 && isNumber(host)) {
            throw new IllegalArgumentException("invalid host '" + host + "': a host without a"
                    + " port must not be all digits (" + scheme + ":" + host + " reads as a"
                    + " host and port)");
        }
    }

    /**
     * A TCP address. Callable from any thread.
     *
     * @throws IllegalArgumentException if the host is blank or the port not 1..65535
     */
    public static PeerAddress tcp(String host, int port) {
        return new PeerAddress(TCP, host, port);
    }

    /**
     * The address of a {@code LocalNetwork} node named {@code name}. Callable from any thread.
     *
     * @throws IllegalArgumentException if the name is blank or all digits
     */
    public static PeerAddress local(String name) {
        return new PeerAddress(LOCAL, name, 0);
    }

    /**
     * Parses the text form: {@code scheme:host:port}, {@code scheme:[host]:port}, or for
     * schemes other than {@code tcp} also without the port ({@code local:alice}); a host with
     * several colons and no brackets is all host ({@code x:fe80::1} has no port). Callable from
     * any thread.
     *
     * @throws IllegalArgumentException with a one-line, user-facing message if the text is not
     *     an address, such as {@code invalid address '10.0.0.2:6666': missing transport scheme,
     *     write tcp:10.0.0.2:6666}
     */
    public static PeerAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("invalid address: empty");
        }
        String s = text.strip();
        int colon = s.indexOf(':');
        String scheme = colon < 0 ? "" : s.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = s.substring(colon + 1);
        // host:port written without a scheme, as before addresses had one, reads as scheme
        // "host" and a number: a number alone is never a host without a port. A bare IPv6
        // literal (fe80::1) reads as a scheme followed by a colon, which no address has.
        if (!SCHEME.matcher(scheme).matches()
                || !scheme.equals(TCP) && (rest.startsWith(":") || isNumber(rest))) {
            throw new IllegalArgumentException("invalid address '" + s
                    + "': missing transport scheme, write " + tcpSuggestion(s));
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("invalid address '" + s + "': no host");
        }
        String host;
        String port;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("invalid address '" + s + "': missing ]");
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new IllegalArgumentException("invalid address '" + s
                        + "': expected :port after ]");
            }
            port = after.isEmpty() ? null : after.substring(1);
        } else {
            int last = rest.lastIndexOf(':');
            boolean onePort = last >= 0 && rest.indexOf(':') == last;
            host = onePort ? rest.substring(0, last) : rest;
            port = onePort ? rest.substring(last + 1) : null;
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("invalid address '" + s + "': no host");
        }
        if (port == null) {
            if (scheme.equals(TCP)) {
                String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
                throw new IllegalArgumentException("invalid address '" + s
                        + "': missing port, write tcp:" + h + ":6666 (or another port)");
            }
            return new PeerAddress(scheme, host, 0);
        }
        return new PeerAddress(scheme, host, port(s, port));
    }

    /** What a text without a scheme probably meant, as a tcp address. */
    private static String tcpSuggestion(String s) {
        int last = s.lastIndexOf(':');
        boolean hasPort = last > 0 && isNumber(s.substring(last + 1))
                && (s.indexOf(':') == last || s.startsWith("["));
        if (hasPort) {
            return "tcp:" + s;
        }
        boolean bareV6 = s.indexOf(':') >= 0 && !s.startsWith("[");
        return "tcp:" + (bareV6 ? "[" + s + "]" : s) + ":6666 (or another port)";
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static int port(String address, String text) {
        if (text.length() <= 5 && isNumber(text)) {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        throw new IllegalArgumentException("invalid address '" + address + "': port '" + text
                + "' must be 1-65535");
    }

    /**
     * The text form, which {@link #parse} reads back: {@code tcp:10.0.0.2:6666},
     * {@code tcp:[::1]:7}, {@code local:alice}.
     */
    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return scheme + ":" + (port == 0 ? h : h + ":" + port);
    }
}
