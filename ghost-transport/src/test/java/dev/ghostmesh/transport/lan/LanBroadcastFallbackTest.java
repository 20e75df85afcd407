package dev.ghostmesh.transport.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.testing.Await;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The broadcast path, over loopback: Linux routes 127.255.255.255 as lo's broadcast address
 * and delivers it to every socket sharing the port, as a LAN delivers a subnet broadcast.
 */
class LanBroadcastFallbackTest extends LanTestSupport {
    @Test
    void withoutMulticastNodesFindEachOtherThroughTheBroadcastAddress() throws Exception {
        Node a = start(loopback().multicast(false));
        long started = System.nanoTime();
        Node b = start(loopback().multicast(false));
        Await.until(TIMEOUT, () -> a.found(b) && b.found(a), "a and b to find each other");
        System.out.println("broadcast: two nodes found each other in "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms (interval "
                + INTERVAL.toMillis() + " ms)");
        assertTrue(a.discovery().stats().ownIgnored() > 0, "own broadcasts come back too");
    }

    @Test
    void withoutMulticastTheGroupIsNotJoinedButBroadcastsAreHeard() throws Exception {
        Node a = start(loopback().multicast(false));
        DatagramChannel raw = rawSocket("127.0.0.2");
        NodeId viaGroup = Identity.generate().id();
        NodeId viaBroadcast = Identity.generate().id();
        sendToGroup(raw, beacon(viaGroup, 1111));
        sendBroadcast(raw, beacon(viaBroadcast, 2222));
        Await.until(TIMEOUT, () -> a.context().found(viaBroadcast,
                PeerAddress.tcp("127.0.0.2", 2222)), "the broadcast beacon reported");
        // Both were sent before; one socket delivers in order, so the group one was not heard.
        assertFalse(a.context().reports().stream().anyMatch(r -> r.claimedId().equals(viaGroup)));
        assertEquals(1, a.discovery().stats().reported());
    }

    @Test
    void aMulticastNodeAlsoHearsNodesThatFellBackToBroadcast() throws Exception {
        Node a = start(); // joined the group, and bound to the wildcard address
        Node b = start(loopback().multicast(false));
        Await.until(TIMEOUT, () -> a.found(b), "a to hear b's broadcasts");
        // b never joined, so it does not hear a: the fallback is for networks where
        // multicast fails for every node, not a bridge between the two.
        Await.until(TIMEOUT, () -> a.discovery().stats().beaconsSent() >= 2, "a beacons");
        assertFalse(b.found(a));
    }

    private void sendBroadcast(DatagramChannel ch, byte[] datagram) throws Exception {
        ch.send(ByteBuffer.wrap(datagram), new InetSocketAddress("127.255.255.255", port));
    }
}
