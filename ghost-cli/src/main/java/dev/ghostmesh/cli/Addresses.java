package dev.ghostmesh.cli;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.transport.tcp.TcpTransport;

/**
 * Addresses as the chat and JSON output write them and as users type them. A TCP address shows
 * without its scheme ({@code 10.0.0.2:6666}, {@code [::1]:6666}), as before addresses had
 * schemes, so what people read and what their scripts parse did not change; any other address
 * (a {@code LocalNetwork} node's, in tests) shows in full ({@code local:alice}). Typed addresses
 * are TCP: {@code host}, {@code host:port}, {@code [v6]:port}, with or without {@code tcp:}.
 *
 * <p>Stateless; callable from any thread.
 */
final class Addresses {
    private Addresses() {}

    /** {@code host[:port]} as typed; a missing port is {@code defaultPort}. */
    static PeerAddress parse(String text, int defaultPort) {
        return TcpTransport.parseAddress(text, defaultPort);
    }

    /** {@code host} and a port word ({@code /connect h 7000}), or one {@code host[:port]}. */
    static PeerAddress parse(String host, String port) {
        if (port == null) {
            return TcpTransport.parseAddress(host);
        }
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return PeerAddress.tcp(h, TcpTransport.parsePort(port));
    }

    /** {@code address} for people: TCP as {@code host:port}, others in full. Not sanitized. */
    static String show(PeerAddress address) {
        if (!PeerAddress.TCP.equals(address.scheme())) {
            return address.toString();
        }
        String h = address.host();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + address.port();
    }

    /**
     * {@code text} from the library (why a dial to {@code address} failed, which names it in
     * full) with the address as {@link #show} writes it. Not sanitized.
     */
    static String show(String text, PeerAddress address) {
        return text == null ? null : text.replace(address.toString(), show(address));
    }
}
