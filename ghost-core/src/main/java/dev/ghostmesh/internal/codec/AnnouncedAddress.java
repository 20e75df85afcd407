package dev.ghostmesh.internal.codec;

import dev.ghostmesh.PeerAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The text form of an address in an ANNOUNCE (PROTOCOL.md, "Packet envelope"). A TCP address
 * is written without its scheme, as before addresses had schemes: an IPv4 dotted quad, an IPv6
 * address in RFC 5952 form in brackets, or a host name, then {@code :port}. Never a zone id
 * ({@code %eth0} names an interface of the announcing host, which means nothing to the
 * receiver) and never a link-local address (unusable without one). Any other transport's
 * address is written {@code scheme:rest} ({@code local:alice}), in visible ASCII. An entry in
 * a TCP form is TCP even when it could be read as another scheme's ({@code local:5} is host
 * {@code local}, port 5), which is why {@link PeerAddress} refuses an all-digit host without a
 * port. Receivers ignore entries outside these forms rather than drop the whole announce.
 * Stateless.
 */
public final class AnnouncedAddress {
    /** The longest entry, in bytes. */
    public static final int MAX_BYTES = 300;
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern DOTTED_QUAD = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,253}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern OTHER = Pattern.compile("[a-z][a-z0-9+.-]{0,15}:[!-~]+");

    private AnnouncedAddress() {}

    /**
     * The announced form of {@code ip}, or null if it must not be announced (link-local, or
     * the wildcard). IPv6 loses its zone id and takes the RFC 5952 form.
     */
    public static String host(InetAddress ip) {
        if (ip.isLinkLocalAddress() || ip.isAnyLocalAddress()) {
            return null;
        }
        return ip instanceof Inet6Address ? rfc5952(ip.getAddress()) : ip.getHostAddress();
    }

    /**
     * The text of {@code address} in an announce: {@code host:port} ({@code [v6]:port}) for
     * TCP, {@code scheme:rest} for any other transport. Whether a receiver will accept it is
     * {@link #readsBack}.
     */
    public static String text(PeerAddress address) {
        if (!PeerAddress.TCP.equals(address.scheme())) {
            return address.toString();
        }
        String h = address.host();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + address.port();
    }

    /**
     * True if a receiver reads {@link #text} of {@code address} back as {@code address}: false
     * for a TCP address outside the announced forms (a zone id, link-local), an entry over
     * {@link #MAX_BYTES}, or another scheme's address that is not all visible ASCII.
     */
    public static boolean readsBack(PeerAddress address) {
        return address.equals(parse(text(address)));
    }

    /**
     * Parses one announced entry; null if it is not in an announced form, has a zone id, or
     * names a link-local address. Never resolves a name.
     */
    public static PeerAddress parse(String text) {
        if (text.length() > MAX_BYTES) {
            return null;
        }
        PeerAddress tcp = tcp(text);
        return tcp != null ? tcp : other(text);
    }

    /** A {@code scheme:rest} entry of a transport other than TCP, or null. */
    private static PeerAddress other(String text) {
        // Visible ASCII only: whatever a transport names, it is shown to users as it came.
        if (!OTHER.matcher(text).matches() || text.startsWith(PeerAddress.TCP + ":")) {
            return null; // tcp is never written with its scheme: such an entry is malformed
        }
        try {
            return PeerAddress.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A TCP entry ({@code host:port}), or null. */
    private static PeerAddress tcp(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        int port = port(text.substring(colon + 1));
        String host = text.substring(0, colon);
        if (port == 0) {
            return null;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            String literal = host.substring(1, host.length() - 1);
            InetAddress ip = ipv6(literal);
            return ip == null || host(ip) == null ? null : PeerAddress.tcp(host(ip), port);
        }
        if (DOTTED_QUAD.matcher(host).matches()) {
            InetAddress ip = literal(host);
            return ip == null || host(ip) == null ? null : PeerAddress.tcp(host, port);
        }
        return HOST_NAME.matcher(host).matches() && !host.chars().allMatch(
                c -> c == '.' || Character.isDigit(c)) ? PeerAddress.tcp(host, port) : null;
    }

    /** A decimal port 1..65535 without sign or leading zeros, else 0. */
    private static int port(String s) {
        if (s.isEmpty() || s.length() > 5 || s.charAt(0) == '0'
                || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        int port = Integer.parseInt(s);
        return port <= 65535 ? port : 0;
    }

    /** An IPv6 literal without zone, parsed without any lookup; null if it is not one. */
    private static InetAddress ipv6(String literal) {
        if (!IPV6_CHARS.matcher(literal).matches() || literal.indexOf(':') < 0) {
            return null; // also refuses '%': no zone ids
        }
        InetAddress ip = literal("[" + literal + "]"); // brackets: a literal or an error, no DNS
        // An IPv4-mapped literal comes back as an Inet4Address: not an IPv6 form we announce.
        return ip instanceof Inet6Address ? ip : null;
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    /** RFC 5952: lower-case hex, no leading zeros, the longest run of 2+ zero groups as "::". */
    static String rfc5952(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff);
        }
        int bestAt = -1;
        int bestLen = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestAt = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestAt) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }
}
