package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.TransportContext;
import dev.ghostmesh.testing.RecordingTransportContext;
import dev.ghostmesh.testing.UncaughtExceptions;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * Shared fixture for TCP tests: loopback-only transports and raw sockets, all closed after each
 * test, and the same end-of-test checks as the contract test (every link down exactly once, no
 * ordering violation, no exception on a background thread).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
abstract class TcpTestSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final List<Node> nodes = new ArrayList<>();
    private final List<Closeable> raw = new ArrayList<>();
    private UncaughtExceptions uncaught;

    /** A started transport with its recording context. */
    record Node(TcpTransport transport, RecordingTransportContext context) {
        int port() {
            return transport.listenAddresses().get(0).port();
        }

        PeerAddress address() {
            return PeerAddress.tcp("127.0.0.1", port());
        }

        Link dial(PeerAddress to) throws Exception {
            return transport.dial(to).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        Link dial(Node to) throws Exception {
            return dial(to.address());
        }
    }

    @BeforeEach
    void recordUncaughtExceptions() {
        uncaught = UncaughtExceptions.install();
    }

    @AfterEach
    void closeEverythingAndCheckTheContract() throws IOException {
        try {
            for (Closeable c : raw) {
                c.close();
            }
            for (Node n : nodes) {
                n.transport().close();
            }
            for (Node n : nodes) {
                n.context().awaitAllLinksDown(TIMEOUT);
                for (Link link : n.context().linksUp()) {
                    assertEquals(1, n.context().linkDownCount(link), "onLinkDown count of " + link);
                }
                n.context().assertNoViolations();
            }
            uncaught.assertNone();
        } finally {
            uncaught.close();
        }
    }

    /** A builder listening on an ephemeral loopback port. */
    static TcpTransport.Builder loopback() {
        return TcpTransport.builder().port(0).bindAddress("127.0.0.1");
    }

    Node start() throws IOException {
        return start(loopback());
    }

    Node start(TcpTransport.Builder builder) throws IOException {
        return start(builder, UnaryOperator.identity());
    }

    /** Starts a transport whose context is {@code wrap} around the recording one. */
    Node start(TcpTransport.Builder builder, UnaryOperator<TransportContext> wrap)
            throws IOException {
        TcpTransport transport = builder.build();
        RecordingTransportContext context = new RecordingTransportContext();
        nodes.add(new Node(transport, context)); // before start, so a failed start is cleaned up
        transport.start(wrap.apply(context));
        return nodes.get(nodes.size() - 1);
    }

    /** A plain blocking socket connected to {@code node}, closed after the test. */
    Socket rawClient(Node node) throws IOException {
        Socket s = new Socket(LOOPBACK, node.port());
        s.setSoTimeout((int) TIMEOUT.toMillis());
        s.setTcpNoDelay(true);
        return track(s);
    }

    /** A plain listening socket on loopback, closed after the test. */
    ServerSocket rawServer(int backlog, int receiveBufferBytes) throws IOException {
        ServerSocket s = new ServerSocket();
        if (receiveBufferBytes > 0) {
            s.setReceiveBufferSize(receiveBufferBytes); // inherited by accepted sockets
        }
        s.bind(new java.net.InetSocketAddress(LOOPBACK, 0), backlog);
        s.setSoTimeout((int) TIMEOUT.toMillis());
        return track(s);
    }

    <T extends Closeable> T track(T closeable) {
        raw.add(closeable);
        return closeable;
    }

    static PeerAddress addressOf(ServerSocket s) {
        return PeerAddress.tcp("127.0.0.1", s.getLocalPort());
    }

    /** The wire form of {@code payload}: 4-byte big-endian length, then the bytes. */
    static byte[] wire(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    static void writeFrame(OutputStream out, byte[] payload) throws IOException {
        out.write(wire(payload));
        out.flush();
    }

    static byte[] readFrame(DataInputStream in) throws IOException {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        return frame;
    }

    /** A frame of {@code size} bytes (at least 4) starting with {@code n}. */
    static byte[] numbered(int n, int size) {
        byte[] frame = new byte[Math.max(4, size)];
        ByteBuffer.wrap(frame).putInt(n);
        for (int i = 4; i < frame.length; i++) {
            frame[i] = (byte) (n * 31 + i);
        }
        return frame;
    }
}
