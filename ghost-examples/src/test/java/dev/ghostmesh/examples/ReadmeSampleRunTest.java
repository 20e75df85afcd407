package dev.ghostmesh.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.transport.tcp.TcpTransport;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's embedding sample, run as the program it is, with its peer down at first: the
 * failed first dial is one line and the program keeps running; once the peer starts, the
 * address {@code connect()} kept is re-dialed, the sample says it is linked, and its readings
 * and the peer's messages cross the link.
 *
 * <p>One line of the sample is taken out for the run, checked to be there: its LAN discovery,
 * which would send beacons onto the machine's networks (and link with whatever test nodes
 * beacon on them); the re-dial under test is {@code connect()}'s own.
 *
 * <p>Threading: the test thread drives the process and waits on a queue the peer's listener
 * thread fills.
 */
class ReadmeSampleRunTest {
    static final String DISCOVERY_LINE =
            "                .discovery(LanDiscovery.builder().build())                // dial the nodes it hears\n";
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path tmp;

    @Test
    void aPeerThatIsDownAtFirstIsRedialedAndTheLinkCarriesMessages() throws Exception {
        String sample = ReadmeBlocks.sample();
        assertTrue(sample.contains(DISCOVERY_LINE), "the sample's discovery line changed:\n"
                + sample);
        String withoutLan = sample.replace(DISCOVERY_LINE, "")
                .replace("import dev.ghostmesh.transport.lan.LanDiscovery;\n", "");
        Path classes = ReadmeBlocks.compile(withoutLan, tmp);
        int peerPort = freePort();
        String peerAddress = "127.0.0.1:" + peerPort;

        try (ExampleProcess gateway = ExampleProcess.start(tmp, classes + File.pathSeparator
                + System.getProperty("java.class.path"), ReadmeBlocks.className(sample),
                peerAddress, "" + freePort())) {
            // The library writes addresses with their transport's scheme.
            gateway.awaitLine("^" + Pattern.quote("cannot connect to tcp:" + peerAddress
                    + ": connection refused; retrying in the background") + "$");

            BlockingQueue<Message> heard = new LinkedBlockingQueue<>();
            try (MeshNode peer = MeshNode.builder().username("alice").autoConnect(false)
                    .transport(TcpTransport.builder().bindAddress("127.0.0.1").port(peerPort)
                            .build())
                    .build()) {
                peer.addListener(new MeshListener() {
                    @Override
                    public void onMessage(Message m) {
                        heard.add(m);
                    }
                });
                peer.start();
                gateway.awaitLine("^" + Pattern.quote("linked to alice at tcp:" + peerAddress)
                        + "$");
                Message reading = heard.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                assertTrue(reading != null, () -> "no reading reached the peer\n"
                        + gateway.transcript());
                assertEquals("gateway-7", reading.senderName());
                assertTrue(reading.text().startsWith("gateway-7: reading "), reading.text());

                peer.broadcast("hi gateway").get(WAIT_SECONDS, TimeUnit.SECONDS);
                gateway.awaitLine("^alice: hi gateway$");
                assertEquals(0, peer.status().listenerErrors());
            }
            List<String> errors = gateway.stderr().stream()
                    .filter(l -> l.contains("Exception") || l.startsWith("\tat ")).toList();
            assertEquals(List.of(), errors, gateway::transcript);
            assertTrue(gateway.process.isAlive(), "the sample runs on for its minute");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
