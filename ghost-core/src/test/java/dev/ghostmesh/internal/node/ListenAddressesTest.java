package dev.ghostmesh.internal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ghostmesh.spi.PeerAddress;
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
        assertEquals(List.of(new PeerAddress("2001:db8::1", 6666),
                        new PeerAddress("192.168.1.2", 6666)),
                ListenAddresses.advertised(List.of(new PeerAddress("::", 6666)),
                        () -> interfaces));
    }

    @Test
    void anExplicitAddressLosesItsZoneIdAndALinkLocalOneIsNotAnnounced() {
        assertEquals(List.of(new PeerAddress("2001:db8::1", 6666),
                        new PeerAddress("local-node", 1)),
                ListenAddresses.advertised(List.of(
                        new PeerAddress("2001:db8:0:0:0:0:0:1%eth0", 6666),
                        new PeerAddress("fe80:0:0:0:0:0:0:1%eth0", 6666),
                        new PeerAddress("local-node", 1)), List::of));
    }

    @Test
    void loopbackIsAnnouncedOnlyWhenThereIsNothingElse() throws Exception {
        List<InetAddress> onlyLoopback = List.of(InetAddress.getByName("127.0.0.1"),
                InetAddress.getByName("::1"));
        assertEquals(List.of(new PeerAddress("127.0.0.1", 7), new PeerAddress("::1", 7)),
                ListenAddresses.advertised(List.of(new PeerAddress("0.0.0.0", 7)),
                        () -> onlyLoopback));
    }
}
