package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.ConnectionInfo;
import dev.ghostmesh.MeshException;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.MeshTestBase;
import dev.ghostmesh.testing.MeshTransports;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Dialing a service that is not a ghost-terminal node, on real loopback sockets: the connect
 * future says so in one sentence naming the address, from the first bytes that come back (long
 * before the handshake timeout), or, for a service that says nothing, when the handshake times
 * out. The node counts it as invalid input and goes on working.
 */
class TcpForeignServiceTest extends MeshTestBase {
    /** Far beyond every wait here: a detection that fell back on the timeout would show. */
    private static final Duration LONG_HANDSHAKE = Duration.ofSeconds(60);

    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }

    private TestNode node(Duration handshakeTimeout) {
        return start("dialer", b -> b.handshakeTimeout(handshakeTimeout));
    }

    @Test
    void anHttpServerIsNotANode() throws Exception {
        try (ForeignServer http = new ForeignServer(ForeignServer.HTTP)) {
            assertNotANode(node(LONG_HANDSHAKE), http.address());
        }
    }

    @Test
    void anSshServerIsNotANode() throws Exception {
        try (ForeignServer ssh = new ForeignServer(ForeignServer.SSH)) {
            assertNotANode(node(LONG_HANDSHAKE), ssh.address());
        }
    }

    @Test
    void aServiceWhoseFirstFrameIsTooShortForAHandshakeIsNotANode() throws Exception {
        // Well framed by accident ("hello" with a length prefix), but no node's first reply.
        try (ForeignServer framed = new ForeignServer(s -> {
            s.getOutputStream().write(TcpTestSupport.wire("hello".getBytes()));
            s.getOutputStream().flush();
            s.getInputStream().readAllBytes();
        })) {
            assertNotANode(node(LONG_HANDSHAKE), framed.address());
        }
    }

    @Test
    void aSilentServiceEndsInTheHandshakeTimeoutWithAClearMessage() throws Exception {
        try (ForeignServer silent = new ForeignServer(ForeignServer.SILENT)) {
            TestNode a = node(Duration.ofMillis(500));
            MeshException e = connectFailure(a, silent.address());
            assertEquals(silent.address() + " accepted the connection but sent no handshake"
                    + " within 500 ms (is it a ghost-terminal node?)", e.getMessage());
        }
    }

    @Test
    void theNodeStillLinksWithRealNodesAfterwards() throws Exception {
        TestNode a = node(LONG_HANDSHAKE);
        try (ForeignServer http = new ForeignServer(ForeignServer.HTTP)) {
            assertNotANode(a, http.address());
        }
        TestNode b = start("real");
        link(a, b);
        a.node().broadcast("still here");
        Await.until(WAIT, () -> b.count("still here") == 1, "bob to hear alice");
    }

    private void assertNotANode(TestNode a, PeerAddress address) throws IOException {
        long invalidBefore = a.node().status().invalidDropped();
        MeshException e = connectFailure(a, address);
        assertEquals(address + " is not a ghost-terminal node", e.getMessage());
        assertTrue(a.node().status().invalidDropped() > invalidBefore, "counted as invalid");
        // The address is still kept (connect() re-dials), and /peers-style views say why.
        Await.until(WAIT, () -> a.node().connections().stream().anyMatch(c ->
                c.address().equals(address) && c.lastError().isPresent()),
                () -> "the connection to show its error: " + a.node().connections());
        ConnectionInfo c = a.node().connections().stream()
                .filter(x -> x.address().equals(address)).findFirst().orElseThrow();
        assertEquals(address + " is not a ghost-terminal node", c.lastError().orElseThrow());
        a.node().disconnect(address).join();
    }

    private static MeshException connectFailure(TestNode a, PeerAddress address) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> {
            PeerInfo p = a.node().connect(address).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("linked to " + p);
        });
        return assertInstanceOf(MeshException.class, e.getCause());
    }
}
