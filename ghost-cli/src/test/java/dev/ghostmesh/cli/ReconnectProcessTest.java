package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --connect} and {@code /connect} keep their peer, and {@code /disconnect} lets it go,
 * on loopback with discovery off, so that only the kept connection can bring a link back.
 */
class ReconnectProcessTest {
    /** Worst case for a re-dial after a restart: backoff 1, 1, 2, 4 s (+20%) plus a JVM start. */
    private static final Duration REDIAL_DEADLINE = Duration.ofSeconds(15);

    @RegisterExtension
    final CliProcesses cli = new CliProcesses();

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aPeerRestartedOnTheSamePortIsRedialedWhileConnectingShowsInPeers() throws IOException {
        int port = freePort();
        String where = "127.0.0.1:" + port;
        CliProcess bob = cli.start("bob", "--port", "" + port);
        CliProcess alice = cli.start("alice", "--connect", where);
        alice.awaitLine("* connected to bob (" + where + ")");
        String bobId = bob.id();

        int m = alice.mark();
        bob.close(); // kill -9: no goodbye
        long killed = System.nanoTime();
        alice.awaitLine(m, "* bob disconnected (");
        // While bob is down, /peers names the address being re-dialed, with bob's label.
        Pattern connecting = Pattern.compile("\\*   bob(#" + bobId.substring(0, 8) + ")?  "
                + Pattern.quote(where) + "  connecting \\((retry in \\d+ s: .+|dialing now.*)\\)");
        List<String> peers = alice.run("/peers");
        assertTrue(peers.stream().anyMatch(l -> connecting.matcher(l).matches()),
                () -> "/peers while bob is down: " + peers);
        assertTrue(peers.contains("* no peers connected (use /connect <host> [port])"),
                () -> "/peers while bob is down: " + peers);

        CliProcess again = cli.start("bob-again", cli.home("bob"), "--username", "bob", "--port",
                "" + port);
        long restarted = System.nanoTime();
        alice.awaitLine(m, l -> l.startsWith("* connected to bob (" + where + ")"),
                "bob connected again", REDIAL_DEADLINE);
        long back = System.nanoTime();
        System.out.printf("reconnect: bob restarted %d ms after the kill; alice re-dialed him"
                + " %d ms after his restart began%n", (restarted - killed) / 1_000_000,
                (back - restarted) / 1_000_000);
        assertEquals(bobId, again.id());

        alice.send("welcome back");
        again.awaitLine("<alice> welcome back");
        again.send("glad to be back");
        alice.awaitLine(m, "<bob> glad to be back");
        assertTrue(alice.run("/peers").stream().noneMatch(l -> l.contains("connecting")),
                alice::transcript);
    }

    @Test
    void disconnectByNameClosesTheLinkAndStopsTheRedials() throws IOException {
        int port = freePort();
        String where = "127.0.0.1:" + port;
        CliProcess bob = cli.start("bob", "--port", "" + port);
        CliProcess alice = cli.start("alice");
        alice.send("/connect 127.0.0.1 " + port);
        alice.awaitLine("* connected to bob (" + where + ")");

        int b = bob.mark();
        int before = alice.mark();
        assertEquals(List.of("* disconnected from bob"), alice.run("/disconnect bob"));
        bob.awaitLine(b, "* alice disconnected (");
        List<String> peers = alice.run("/peers");
        assertEquals(List.of("* no peers connected (use /connect <host> [port])"), peers);
        // One line for one action: the link event is not repeated.
        assertEquals(List.of(), alice.lines(before, l -> l.startsWith("* bob disconnected")));
        // No re-dial comes: the first would be due after about a second.
        int a = alice.mark();
        awaitAbsence(alice, a, "* connected to", Duration.ofSeconds(3));

        List<String> again = alice.run("/disconnect bob");
        assertEquals(List.of("error: not connected to bob (see /peers)"), again);
    }

    @Test
    void disconnectByAddressStopsConnectingToAPeerThatIsNotUp() throws IOException {
        int port = freePort();
        String where = "127.0.0.1:" + port;
        CliProcess alice = cli.start("alice", "--connect", where);
        String refused = alice.awaitLine("error: cannot connect to " + where + ": ");
        assertTrue(refused.endsWith("(retrying; /disconnect " + where + " stops it)"), refused);
        assertTrue(alice.run("/peers").stream().anyMatch(l -> l.startsWith("*   " + where
                + "  connecting (")), alice::transcript);

        assertEquals(List.of("* stopped connecting to " + where),
                alice.run("/disconnect 127.0.0.1 " + port));
        assertEquals(List.of("* no peers connected (use /connect <host> [port])"),
                alice.run("/peers"));
        assertEquals(List.of("error: not connected to " + where + " (see /peers)"),
                alice.run("/disconnect " + where));
        // A node that comes up there now is not dialed.
        CliProcess bob = cli.start("bob", "--port", "" + port);
        awaitAbsence(bob, 0, "* connected to alice", Duration.ofSeconds(3));
    }

    /**
     * Fails if a line containing {@code text} shows up within {@code window}: proving that
     * something does not happen takes a window (here, longer than the first re-dial delay).
     */
    private static void awaitAbsence(CliProcess p, int from, String text, Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> found = p.lines(from, l -> l.contains(text));
            assertTrue(found.isEmpty(), () -> p.name + " printed " + found + "\n"
                    + p.transcript());
            p.awaitOutput(Duration.ofMillis(200));
        }
    }
}
