package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.testing.ContextLoop;
import dev.ghostmesh.testing.RecordingTransportContext;
import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Starting, listening, threads and argument checks. */
class TcpLifecycleTest extends TcpTestSupport {
    @Test
    void portInUseFailsStartWithAMessageNamingThePort() throws Exception {
        ServerSocket taken = rawServer(50, 0);
        int port = taken.getLocalPort();
        IOException e = assertThrows(IOException.class,
                () -> start(TcpTransport.builder().port(port).bindAddress("127.0.0.1")));
        assertInstanceOf(BindException.class, e);
        assertEquals("port " + port + " is already in use", e.getMessage());
        assertTrue(threadsNamed("ghost-tcp-" + port).isEmpty(), "no thread left behind");
    }

    @Test
    void addressThatIsNotLocalFailsStartWithAClearMessage() throws Exception {
        // A documentation-only address (RFC 5737): binding fails locally, nothing is sent.
        IOException e = null;
        try {
            start(TcpTransport.builder().port(0).bindAddress("192.0.2.1"));
        } catch (IOException expected) {
            e = expected;
        }
        Assumptions.assumeTrue(e != null, "this host allows binding non-local addresses");
        assertTrue(e.getMessage().startsWith("cannot listen on 192.0.2.1:0: "), e.getMessage());
    }

    @Test
    void ephemeralPortIsReportedAndServedWithoutAThreadOfItsOwn() throws Exception {
        Node node = start();
        List<PeerAddress> listening = node.transport().listenAddresses();
        assertEquals(1, listening.size());
        assertEquals("127.0.0.1", listening.get(0).host());
        assertNotEquals(0, listening.get(0).port());
        assertEquals(List.of(), threadsNamed("ghost-tcp-" + node.port()),
                "the node's loop thread does the I/O");
        assertTrue(node.transport().toString().contains(String.valueOf(node.port())));
    }

    @Test
    void theNodesLoopThreadServesEveryLinkAndMakesEveryCallback() throws Exception {
        Node node = start();
        Node other = start();
        for (int i = 0; i < 5; i++) {
            writeFrame(rawClient(node).getOutputStream(), new byte[] {(byte) i});
        }
        for (int i = 0; i < 3; i++) {
            Link out = node.dial(other);
            out.send(new byte[] {1});
            other.context().awaitFrames(other.context().nextInboundLink(TIMEOUT), 1, TIMEOUT);
        }
        List<Link> links = node.context().linksUp();
        assertEquals(8, links.size());
        for (Link link : links) {
            if (link.inbound()) {
                node.context().awaitFrames(link, 1, TIMEOUT);
            }
        }
        // The fakes' loop is one thread, as a node's loop is: every callback comes from it.
        assertEquals(Set.of(ContextLoop.threadName()), node.context().callbackThreads());
        String name = "ghost-tcp-" + node.port();
        Set<String> own = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith(name)).collect(Collectors.toSet());
        assertTrue(own.stream().allMatch(n -> n.startsWith(name + "-resolver-")),
                "no I/O thread, at most the resolver pool: " + own);
    }

    @Test
    void startTwiceOrAfterCloseIsAnErrorAndCloseBeforeStartIsHarmless() throws Exception {
        Node node = start();
        assertThrows(IllegalStateException.class,
                () -> node.transport().start(new RecordingTransportContext()));
        TcpTransport never = loopback().build();
        never.close();
        never.close();
        assertTrue(never.listenAddresses().isEmpty());
        assertThrows(IllegalStateException.class, () -> never.start(new RecordingTransportContext()));
    }

    @Test
    void sendRejectsEmptyAndOversizedFrames() throws Exception {
        Node node = start();
        rawClient(node);
        Link link = node.context().nextInboundLink(TIMEOUT);
        assertThrows(IllegalArgumentException.class, () -> link.send(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> link.send(new byte[65537]));
        assertThrows(NullPointerException.class, () -> link.send(null));
        assertTrue(link.send(new byte[65536]));
    }

    @Test
    void builderRejectsInvalidSettings() {
        TcpTransport.Builder b = TcpTransport.builder();
        assertThrows(IllegalArgumentException.class, () -> b.port(-1));
        assertThrows(IllegalArgumentException.class, () -> b.port(65536));
        assertThrows(IllegalArgumentException.class, () -> b.bindAddress(" "));
        assertThrows(IllegalArgumentException.class, () -> b.connectTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.maxQueuedBytesPerLink(0));
        assertThrows(IllegalArgumentException.class,
                () -> b.closeFlushTimeout(Duration.ofMillis(-1)));
    }

    @Test
    void claimsAnyTcpHostAndPortAndNoOtherScheme() {
        TcpTransport t = TcpTransport.builder().build();
        assertTrue(t.supports(PeerAddress.tcp("example.invalid", 1)));
        assertTrue(t.supports(PeerAddress.tcp("::1", 65535)));
        assertFalse(t.supports(PeerAddress.local("x")));
        assertFalse(t.supports(new PeerAddress("quic", "10.0.0.1", 443)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.dial(PeerAddress.local("x")));
        assertEquals("TCP cannot dial local:x", e.getMessage());
    }

    private static List<Thread> threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name) && t.isAlive()).collect(Collectors.toList());
    }
}
