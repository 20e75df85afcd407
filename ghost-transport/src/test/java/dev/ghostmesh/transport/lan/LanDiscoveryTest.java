package dev.ghostmesh.transport.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.testing.Await;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nodes on one host finding each other over loopback multicast. */
class LanDiscoveryTest extends LanTestSupport {
    @Test
    void twoNodesOnOneHostFindEachOtherAtLoopbackWithTheirClaimedIds() throws Exception {
        Node a = start();
        long started = System.nanoTime();
        Node b = start();
        Await.until(TIMEOUT, () -> a.found(b) && b.found(a), "a and b to find each other");
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.println("two nodes found each other in " + millis + " ms (interval "
                + INTERVAL.toMillis() + " ms)");
        assertTrue(millis < 10 * INTERVAL.toMillis(), "found within 10 intervals: " + millis);
        assertEquals(List.of(b.address()), addressesOf(a, b));
        assertEquals(List.of(a.address()), addressesOf(b, a));
        assertTrue(a.discovery().peers().stream().anyMatch(p -> p.claimedId().equals(b.id())
                && p.address().equals(b.address())));
    }

    @Test
    void aLateJoinerIsFoundAtOnceAndFindsTheOthersWithinAboutAnInterval() throws Exception {
        Node a = start();
        Await.until(TIMEOUT, () -> a.discovery().stats().beaconsSent() >= 1, "a beacons");
        long started = System.nanoTime();
        Node late = start();
        Await.until(TIMEOUT, () -> a.found(late), "a finds the late joiner");
        long foundMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Await.until(TIMEOUT, () -> late.found(a), "the late joiner finds a");
        long findsMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.println("late joiner found in " + foundMillis + " ms, found the other in "
                + findsMillis + " ms (interval " + INTERVAL.toMillis() + " ms)");
        assertTrue(findsMillis < 10 * INTERVAL.toMillis(), "found within 10 intervals");
    }

    @Test
    void threeNodesEachFindTheOtherTwoAndNeverThemselves() throws Exception {
        Node a = start();
        Node b = start();
        Node c = start();
        List<Node> all = List.of(a, b, c);
        Await.until(TIMEOUT, () -> all.stream().allMatch(
                n -> all.stream().allMatch(m -> m == n || n.found(m))), "all pairs found");
        // Own beacons come back (multicast loop) and are counted, never reported.
        Await.until(TIMEOUT, () -> all.stream().allMatch(
                n -> n.discovery().stats().ownIgnored() > 0), "own beacons heard");
        for (Node n : all) {
            assertTrue(n.discovery().peers().stream().noneMatch(p -> p.claimedId().equals(n.id())),
                    "own id in the table");
            assertTrue(n.context().reports().stream().noneMatch(r -> r.claimedId().equals(n.id())));
        }
    }

    @Test
    void repeatedBeaconsAreReportedAtMostOncePerInterval() throws Exception {
        Node a = start();
        Node b = start();
        Await.until(TIMEOUT, () -> a.found(b), "a finds b");
        long first = a.context().firstReport(b.id(), b.address()).atNanos();
        Await.until(TIMEOUT, () -> a.discovery().stats().beaconsReceived() >= 8,
                "a to hear several more beacons");
        List<Long> times = a.context().reports().stream()
                .filter(r -> r.claimedId().equals(b.id())).map(r -> r.atNanos()).toList();
        long spanMillis = (times.get(times.size() - 1) - first) / 1_000_000;
        // A few ms of slack: the recorded times trail the decision by the callback latency.
        assertTrue(times.size() <= 1 + (spanMillis + 5) / INTERVAL.toMillis(),
                times.size() + " reports in " + spanMillis + " ms");
        LanDiscovery.Stats s = a.discovery().stats();
        assertEquals(s.reported(), a.context().reports().size());
        assertEquals(0, s.invalid());
        assertEquals(0, s.rateLimited());
    }

    @Test
    void aNodeWithoutAListenAddressListensButNeverBeacons() throws Exception {
        Node silent = start(loopback(), 0);
        Node speaker = start();
        Await.until(TIMEOUT, () -> silent.found(speaker), "the silent node hears the other");
        Await.until(TIMEOUT, () -> speaker.discovery().stats().beaconsSent() >= 3,
                "a few beacon rounds");
        assertEquals(0, silent.discovery().stats().beaconsSent());
        assertTrue(speaker.context().reports().isEmpty(), "nothing to report about a silent node");
    }

    @Test
    void malformedDatagramsAreDroppedAndCountedAsInvalid() throws Exception {
        Node a = start();
        DatagramChannel raw = rawSocket("127.0.0.2");
        byte[] good = beacon(a.id(), 1234);
        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 'X';
        byte[] wrongVersion = good.clone();
        wrongVersion[4] = 2;
        byte[] portZero = good.clone();
        portZero[21] = 0;
        portZero[22] = 0;
        byte[] extra = java.util.Arrays.copyOf(good, good.length + 1);
        List<byte[]> bad = List.of(new byte[0], new byte[1],
                java.util.Arrays.copyOf(good, 22), extra, new byte[1500], wrongMagic,
                wrongVersion, portZero);
        for (byte[] d : bad) {
            sendToGroup(raw, d);
        }
        Await.until(TIMEOUT, () -> a.discovery().stats().invalid() == bad.size(),
                () -> "invalid count: " + a.discovery().stats());
        assertEquals(0, a.context().reportsFrom("127.0.0.2"));
    }

    @Test
    void aContextThatThrowsDoesNotStopTheDiscovery() throws Exception {
        Node a = start();
        a.context().onReport(r -> {
            throw new IllegalStateException("core bug");
        });
        Node b = start();
        Await.until(TIMEOUT, () -> a.found(b), "a finds b");
        Node c = start();
        Await.until(TIMEOUT, () -> a.found(c), "a still finds c after the failed callback");
        assertEquals(3, openDiscoveries());
    }

    @Test
    void unknownInterfaceFailsStartNamingItAndTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> start(loopback().interfaces(List.of("lo", "nope0"))));
        assertTrue(e.getMessage().startsWith("no network interface named 'nope0' (this host has: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("lo"), e.getMessage());
        assertEquals(0, openDiscoveries());
    }

    @Test
    void aPortHeldWithoutAddressReuseFailsStartWithAClearMessage() throws Exception {
        DatagramChannel holder = track(DatagramChannel.open(StandardProtocolFamily.INET));
        holder.bind(new InetSocketAddress(port));
        IOException e = assertThrows(IOException.class, () -> start());
        assertInstanceOf(BindException.class, e);
        assertTrue(e.getMessage().startsWith("cannot bind UDP port " + port
                + " for LAN discovery: "), e.getMessage());
        assertEquals(0, openDiscoveries());
    }

    @Test
    void builderRejectsBadSettings() {
        LanDiscovery.Builder b = LanDiscovery.builder();
        for (String group : new String[] {"10.0.0.1", "239.255.77.256", "239.255.77", "ff02::1",
            "example.com", " ", "239.255.77.77.1", "239.+255.77.77"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> b.group(group), group);
            assertTrue(e.getMessage().contains("IPv4 multicast"), e.getMessage());
        }
        b.group(" 224.0.0.251 ");
        assertThrows(IllegalArgumentException.class, () -> b.port(0));
        assertThrows(IllegalArgumentException.class, () -> b.port(65536));
        assertThrows(IllegalArgumentException.class, () -> b.interval(Duration.ofMillis(99)));
        assertThrows(IllegalArgumentException.class, () -> b.interval(Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class, () -> b.maxPeers(0));
        assertThrows(IllegalArgumentException.class, () -> b.interfaces(List.of()));
        assertThrows(IllegalArgumentException.class, () -> b.interfaces(List.of(" ")));
        assertEquals("LanDiscovery[239.255.77.77:6677]", LanDiscovery.builder().build().toString());
    }

    @Test
    void runsNoThreadOfItsOwnAndReportsOnTheNodesLoop() throws Exception {
        Node a = start();
        Node b = start();
        Await.until(TIMEOUT, () -> a.found(b) && b.found(a), "a and b find each other");
        assertEquals(List.of(), lanThreads(), "threads of a discovery");
        // Both discoveries beacon and hear on the one shared test loop thread; the recording
        // context flags any report made off the loop (checked after the test).
        assertTrue(a.discovery().stats().beaconsSent() > 0);
        assertTrue(b.discovery().stats().beaconsSent() > 0);
    }

    private static List<PeerAddress> addressesOf(Node reporter, Node about) {
        return reporter.context().reports().stream()
                .filter(r -> r.claimedId().equals(about.id())).map(r -> r.address())
                .distinct().toList();
    }
}
