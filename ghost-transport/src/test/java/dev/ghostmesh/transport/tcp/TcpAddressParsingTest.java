package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ghostmesh.PeerAddress;
import org.junit.jupiter.api.Test;

/** {@link TcpTransport#parseAddress}: what people type, TCP's default port filled in. */
class TcpAddressParsingTest {
    @Test
    void aMissingPortIsTheDefaultPort() {
        assertEquals(6666, TcpTransport.DEFAULT_PORT);
        assertEquals(PeerAddress.tcp("10.0.0.2", 6666), TcpTransport.parseAddress("10.0.0.2"));
        assertEquals(PeerAddress.tcp("localhost", 6666), TcpTransport.parseAddress(" localhost "));
        assertEquals(PeerAddress.tcp("::1", 6666), TcpTransport.parseAddress("::1"));
        assertEquals(PeerAddress.tcp("::1", 6666), TcpTransport.parseAddress("[::1]"));
        assertEquals(PeerAddress.tcp("h", 7000), TcpTransport.parseAddress("h", 7000));
    }

    @Test
    void aGivenPortWinsAndTheSchemeIsOptional() {
        assertEquals(PeerAddress.tcp("h", 5555), TcpTransport.parseAddress("h:5555"));
        assertEquals(PeerAddress.tcp("::1", 7), TcpTransport.parseAddress("[::1]:7"));
        assertEquals(PeerAddress.tcp("h", 5555), TcpTransport.parseAddress("tcp:h:5555"));
        assertEquals(PeerAddress.tcp("h", 6666), TcpTransport.parseAddress("TCP:h"));
        assertEquals(PeerAddress.tcp("::1", 7), TcpTransport.parseAddress("tcp:[::1]:7"));
        // The text form of a TCP address reads back as itself.
        PeerAddress a = PeerAddress.tcp("2001:db8::7", 443);
        assertEquals(a, TcpTransport.parseAddress(a.toString()));
    }

    @Test
    void badTextSaysWhatIsWrong() {
        assertMessage("", "invalid address: empty");
        assertMessage("host:", "invalid port '': must be 1-65535");
        assertMessage("host:0", "invalid port '0': must be 1-65535");
        assertMessage("host:70000", "invalid port '70000': must be 1-65535");
        assertMessage("host:abc", "invalid port 'abc': must be 1-65535");
        assertMessage("[::1", "invalid address '[::1': missing ]");
        assertMessage("[::1]x", "invalid address '[::1]x': expected :port after ]");
        assertMessage(":7", "invalid address ':7': no host");
        assertMessage("tcp:", "invalid address 'tcp:': no host");
        // Another transport's address is not TCP: local:x reads as host "local", port "x".
        assertMessage("local:x", "invalid port 'x': must be 1-65535");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TcpTransport.parseAddress("h", 0));
        assertEquals("invalid default port 0: must be 1-65535", e.getMessage());
    }

    @Test
    void portsAreDecimal1To65535() {
        assertEquals(1, TcpTransport.parsePort("1"));
        assertEquals(65535, TcpTransport.parsePort(" 65535 "));
        for (String bad : new String[] {"0", "65536", "-1", "+1", "1e3", "", "99999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TcpTransport.parsePort(bad), bad);
            assertEquals("invalid port '" + bad + "': must be 1-65535", e.getMessage());
        }
    }

    private static void assertMessage(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TcpTransport.parseAddress(text), text);
        assertEquals(message, e.getMessage());
    }
}
