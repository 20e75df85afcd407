package dev.ghostmesh.transport.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import org.junit.jupiter.api.Test;

/** The multicast-or-broadcast decision, without sending anything. */
class EndpointTest {
    @Test
    void broadcastAddressIsTheTopOfTheSubnet() throws Exception {
        assertEquals(ip("127.255.255.255"), Endpoint.broadcastOf(v4("127.0.0.1"), 8));
        assertEquals(ip("192.168.1.255"), Endpoint.broadcastOf(v4("192.168.1.20"), 24));
        assertEquals(ip("10.1.63.255"), Endpoint.broadcastOf(v4("10.1.2.3"), 18));
        assertEquals(ip("255.255.255.255"), Endpoint.broadcastOf(v4("10.1.2.3"), 0));
        assertNull(Endpoint.broadcastOf(v4("10.1.2.3"), 31), "a /31 has no broadcast address");
        assertNull(Endpoint.broadcastOf(v4("10.1.2.3"), 32));
    }

    @Test
    void loopbackGetsABroadcastAddressFromItsPrefix() throws Exception {
        NetworkInterface lo = NetworkInterface.getByName("lo");
        assertEquals(ip("127.255.255.255"), Endpoint.broadcastAddress(lo));
    }

    @Test
    void aFailedMulticastFallsBackToBroadcastOrToListeningOnly() throws Exception {
        NetworkInterface lo = NetworkInterface.getByName("lo");
        Endpoint withBroadcast = new Endpoint(lo,
                new InetSocketAddress(ip("127.255.255.255"), 6677), null, Endpoint.Mode.MULTICAST);
        withBroadcast.fallBack("test");
        assertEquals(Endpoint.Mode.BROADCAST, withBroadcast.mode());
        Endpoint without = new Endpoint(lo, null, null, Endpoint.Mode.MULTICAST);
        without.fallBack("test");
        assertEquals(Endpoint.Mode.NONE, without.mode());
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal); // literals only: no lookup
    }

    private static Inet4Address v4(String literal) throws Exception {
        return (Inet4Address) ip(literal);
    }
}
