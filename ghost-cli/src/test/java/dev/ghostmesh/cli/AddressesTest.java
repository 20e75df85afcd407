package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ghostmesh.PeerAddress;
import org.junit.jupiter.api.Test;

/** The CLI writes and reads TCP addresses as before addresses had schemes. */
class AddressesTest {
    @Test
    void tcpShowsWithoutItsSchemeAndOtherTransportsInFull() {
        assertEquals("10.0.0.2:6666", Addresses.show(PeerAddress.tcp("10.0.0.2", 6666)));
        assertEquals("[::1]:7", Addresses.show(PeerAddress.tcp("::1", 7)));
        assertEquals("local:alice", Addresses.show(PeerAddress.local("alice")));
    }

    @Test
    void aReasonFromTheLibraryNamesItsAddressTheSameWay() {
        PeerAddress a = PeerAddress.tcp("10.0.0.5", 80);
        assertEquals("cannot connect to 10.0.0.5:80: connection refused", Addresses.show(
                "cannot connect to tcp:10.0.0.5:80: connection refused", a));
        assertEquals("10.0.0.5:80 is not a ghost-terminal node",
                Addresses.show("tcp:10.0.0.5:80 is not a ghost-terminal node", a));
    }

    @Test
    void typedAddressesAreTcpWithTheDefaultPort() {
        assertEquals(PeerAddress.tcp("h", 6666), Addresses.parse("h", (String) null));
        assertEquals(PeerAddress.tcp("h", 7000), Addresses.parse("h", "7000"));
        assertEquals(PeerAddress.tcp("::1", 7000), Addresses.parse("[::1]", "7000"));
        assertEquals(PeerAddress.tcp("h", 7), Addresses.parse("tcp:h:7", (String) null));
        assertEquals(PeerAddress.tcp("h", 5555), Addresses.parse("h", 5555));
        // What the CLI shows, it reads back.
        PeerAddress v6 = PeerAddress.tcp("2001:db8::7", 6666);
        assertEquals(v6, Addresses.parse(Addresses.show(v6), (String) null));
    }
}
