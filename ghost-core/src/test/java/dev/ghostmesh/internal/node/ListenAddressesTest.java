package dev.ghostmesh.internal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ghostmesh.PeerAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a node announces for what it listens on. */
class ListenAddressesTest {
    private static InetAddress scoped(String hex) throws Exception {
        return Inet6Address.getByAddress(null, HexFormat.of().parseHex(hex), 2);
    }

    @Test
    void aWildcardBecomesTheInterfacesWithoutZoneIdsOrLinkLocalAddresses() throws Exception {
        List<InetAddress> interfaces = List.of(InetAddress.getByName("127.0.0.1"),
                scoped("fe800000000000000000000000000001"),
                scoped("20010db8000000000000000000000001"),
                InetAddress.getByName("169.254.0.5"), InetAddress.getByName("192.168.1.2"));
        assertEquals(List.of(PeerAddress.tcp("2001:db8::1", 6666),
                        PeerAddress.tcp("192.168.1.2", 6666)),
                ListenAddresses.advertised(List.of(PeerAddress.tcp("::", 6666)),
                        () -> interfaces));
    }

    @Test
    void anExplicitAddressLosesItsZoneIdAndALinkLocalOneIsNotAnnounced() {
        assertEquals(List.of(PeerAddress.tcp("2001:db8::1", 6666),
                        PeerAddress.tcp("gateway.example", 6666)),
                ListenAddresses.advertised(List.of(
                        PeerAddress.tcp("2001:db8:0:0:0:0:0:1%eth0", 6666),
                        PeerAddress.tcp("fe80:0:0:0:0:0:0:1%eth0", 6666),
                        PeerAddress.tcp("gateway.example", 6666)), List::of));
    }

    @Test
    void otherTransportsAreAnnouncedWithTheirSchemeWhenTheTextReadsBack() {
        List<PeerAddress> listening = List.of(PeerAddress.local("local-node"),
                new PeerAddress("quic", "10.0.0.1", 443), new PeerAddress("bt", "7", 5));
        assertEquals(listening, ListenAddresses.advertised(listening, List::of));
        // Announced text is visible ASCII: a receiver would skip these entries.
        assertEquals(List.of(), ListenAddresses.advertised(List.of(PeerAddress.local("Zoë"),
                PeerAddress.local("two words"), PeerAddress.local("x".repeat(300))), List::of));
    }

    @Test
    void loopbackIsAnnouncedOnlyWhenThereIsNothingElse() throws Exception {
        List<InetAddress> onlyLoopback = List.of(InetAddress.getByName("127.0.0.1"),
                InetAddress.getByName("::1"));
        assertEquals(List.of(PeerAddress.tcp("127.0.0.1", 7), PeerAddress.tcp("::1", 7)),
                ListenAddresses.advertised(List.of(PeerAddress.tcp("0.0.0.0", 7)),
                        () -> onlyLoopback));
    }
}
