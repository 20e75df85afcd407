package dev.ghostmesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PeerAddressTest {
    @Test
    void parsesEachSchemeAndFormatsBackToTheSameText() {
        assertRoundTrip("tcp:10.0.0.2:6666", PeerAddress.tcp("10.0.0.2", 6666));
        assertRoundTrip("tcp:[::1]:7", PeerAddress.tcp("::1", 7));
        assertRoundTrip("tcp:[fe80::1%eth0]:7", PeerAddress.tcp("fe80::1%eth0", 7));
        assertRoundTrip("tcp:example.org:80", PeerAddress.tcp("example.org", 80));
        assertRoundTrip("local:alice", PeerAddress.local("alice"));
        assertRoundTrip("local:[a:b]", PeerAddress.local("a:b"));
        assertRoundTrip("quic:10.0.0.1:443", new PeerAddress("quic", "10.0.0.1", 443));
        assertRoundTrip("bt:[00:11:22:33:44:55]", new PeerAddress("bt", "00:11:22:33:44:55", 0));
        assertRoundTrip("x+y.z-1:7:5", new PeerAddress("x+y.z-1", "7", 5));
    }

    @Test
    void parsingIsLenientWhereTheMeaningIsPlain() {
        assertEquals(PeerAddress.tcp("h", 1), PeerAddress.parse("  TCP:h:1 "));
        assertEquals(PeerAddress.local("a b"), PeerAddress.parse("local:a b"));
        // Several colons without brackets: all host, as an IPv6 literal is.
        assertEquals(new PeerAddress("bt", "00:11:22", 0), PeerAddress.parse("bt:00:11:22"));
        assertEquals(PeerAddress.tcp("h", 6666), PeerAddress.tcp(" h ", 6666));
    }

    @Test
    void aTextWithoutSchemeSaysWhatToWrite() {
        assertMessage("10.0.0.2:6666", "invalid address '10.0.0.2:6666': missing transport"
                + " scheme, write tcp:10.0.0.2:6666");
        // "localhost" is a valid scheme: a number after it is still a port, never a host.
        assertMessage("localhost:6666", "invalid address 'localhost:6666': missing transport"
                + " scheme, write tcp:localhost:6666");
        assertMessage("[::1]:7", "invalid address '[::1]:7': missing transport scheme, write"
                + " tcp:[::1]:7");
        assertMessage("localhost", "invalid address 'localhost': missing transport scheme,"
                + " write tcp:localhost:6666 (or another port)");
        assertMessage("fe80::1", "invalid address 'fe80::1': missing transport scheme, write"
                + " tcp:[fe80::1]:6666 (or another port)");
    }

    @Test
    void aTcpAddressNeedsItsPort() {
        assertMessage("tcp:h", "invalid address 'tcp:h': missing port, write tcp:h:6666"
                + " (or another port)");
        assertMessage("tcp:[::1]", "invalid address 'tcp:[::1]': missing port, write"
                + " tcp:[::1]:6666 (or another port)");
        assertMessage("tcp:::1", "invalid address 'tcp:::1': missing port, write"
                + " tcp:[::1]:6666 (or another port)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeerAddress.tcp("h", 0));
        assertEquals("invalid port 0: must be 1-65535", e.getMessage());
    }

    @Test
    void eachBadInputHasItsOwnMessage() {
        assertMessage("", "invalid address: empty");
        assertMessage("tcp:", "invalid address 'tcp:': no host");
        assertMessage("tcp:h:", "invalid address 'tcp:h:': port '' must be 1-65535");
        assertMessage("tcp:h:0", "invalid address 'tcp:h:0': port '0' must be 1-65535");
        assertMessage("tcp:h:70000", "invalid address 'tcp:h:70000': port '70000' must be"
                + " 1-65535");
        assertMessage("tcp:h:+1", "invalid address 'tcp:h:+1': port '+1' must be 1-65535");
        assertMessage("tcp:h:abc", "invalid address 'tcp:h:abc': port 'abc' must be 1-65535");
        assertMessage("tcp:[::1", "invalid address 'tcp:[::1': missing ]");
        assertMessage("tcp:[::1]7", "invalid address 'tcp:[::1]7': expected :port after ]");
        assertMessage("tcp:[]:7", "invalid address 'tcp:[]:7': no host");
        assertMessage("local:a]", "invalid host 'a]': no brackets (write an IPv6 address"
                + " without them)");
    }

    @Test
    void constructorRejectsWhatTheTextFormCouldNotCarry() {
        assertInvalid(() -> new PeerAddress("TCP", "h", 1), "invalid transport scheme 'TCP':"
                + " must be a lower-case letter, then up to 15 of a-z 0-9 + . -");
        assertInvalid(() -> new PeerAddress("a".repeat(17), "h", 1), "invalid transport scheme '"
                + "a".repeat(17) + "': must be a lower-case letter, then up to 15 of a-z 0-9"
                + " + . -");
        assertInvalid(() -> PeerAddress.local(" "), "invalid host: empty");
        assertInvalid(() -> PeerAddress.tcp("[::1]", 7), "invalid host '[::1]': no brackets"
                + " (write an IPv6 address without them)");
        assertInvalid(() -> new PeerAddress("udp", "h", 65536), "invalid port 65536: must be"
                + " 0-65535");
        assertInvalid(() -> PeerAddress.local("5"), "invalid host '5': a host without a port"
                + " must not be all digits (local:5 reads as a host and port)");
    }

    private static void assertRoundTrip(String text, PeerAddress address) {
        assertEquals(address, PeerAddress.parse(text), text);
        assertEquals(text, address.toString());
    }

    private static void assertMessage(String text, String message) {
        assertInvalid(() -> PeerAddress.parse(text), message);
    }

    private static void assertInvalid(Runnable r, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertEquals(message, e.getMessage());
    }
}
