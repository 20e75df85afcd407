package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --profile open}: one warning line at start, open nodes link and chat (private
 * messages too), {@code /status} names the profile, and an open node and a secure one refuse
 * each other both ways, the dialer saying why on screen and the acceptor in its log.
 */
class ProfileProcessTest {
    private static final String OPEN_PEER =
            "peer uses the open profile; this node requires secure";
    private static final String SECURE_PEER = "peer uses the secure profile; this node uses open";

    @RegisterExtension
    final CliProcesses cli = new CliProcesses();

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits until the node's log file has a line containing {@code text}. */
    private void awaitLogLine(String name, String text) throws Exception {
        Path log = cli.home(name).resolve(LogSetup.LOG_FILE);
        long deadline = System.nanoTime() + CliProcess.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .anyMatch(l -> l.contains(text))) {
                return;
            }
            Thread.sleep(50); // polling the file with a deadline; nothing signals a log write
        }
        fail(name + "'s log never said '" + text + "':\n"
                + (Files.exists(log) ? Files.readString(log) : "(no log)"));
    }

    @Test
    void openNodesChatAndRefuseSecureOnesBothWays() throws Exception {
        int openPort = freePort();
        int securePort = freePort();
        CliProcess alice = cli.start("alice", "--port", "" + openPort, "--profile", "open");
        String warning = "* warning: open profile: links are not encrypted and messages are not"
                + " signed; use it only on a network you trust";
        alice.awaitLine(warning);
        CliProcess bob = cli.start("bob", "--profile", "OPEN");
        bob.awaitLine(warning);
        bob.send("/connect 127.0.0.1 " + openPort);
        bob.awaitLine("* connected to alice (127.0.0.1:" + openPort + ")");
        bob.send("hello over a plaintext link");
        alice.awaitLine("<bob> hello over a plaintext link");
        alice.send("/msg bob still sealed end to end");
        bob.awaitLine("[private] <alice> still sealed end to end");
        List<String> openStatus = alice.run("/status");
        assertTrue(openStatus.contains(
                "* security profile: open (plaintext links, unsigned messages)"));
        assertTrue(openStatus.stream().anyMatch(l -> l.startsWith(
                "* signatures: none in the open profile (")), openStatus::toString);

        CliProcess carol = cli.start("carol", "--port", "" + securePort);
        assertTrue(carol.stdout().stream().noneMatch(l -> l.contains("open profile")),
                "no warning in the default profile");
        List<String> secureStatus = carol.run("/status");
        assertTrue(secureStatus.contains(
                "* security profile: secure (encrypted links, signed messages)"));
        assertTrue(secureStatus.stream().anyMatch(l -> l.matches("\\* signatures: "
                + "(libsodium [0-9.]+|BouncyCastle) \\(Ed25519\\); [0-9]+ verified, "
                + "[0-9]+ skipped \\(sent by the linked peer itself\\)")),
                secureStatus::toString);
        carol.send("/connect 127.0.0.1 " + openPort);
        String refused = carol.awaitLine(0, l -> l.startsWith("error: cannot connect to"),
                "carol's refusal");
        assertTrue(refused.contains(": " + OPEN_PEER + " ("), refused);
        awaitLogLine("alice", SECURE_PEER);

        bob.send("/connect 127.0.0.1 " + securePort);
        String refusedToo = bob.awaitLine(0, l -> l.startsWith("error: cannot connect to"),
                "bob's refusal");
        assertTrue(refusedToo.contains(": " + SECURE_PEER + " ("), refusedToo);
        awaitLogLine("carol", OPEN_PEER);

        List<String> peers = alice.run("/peers");
        assertEquals("* peers (1):", peers.get(0), peers::toString);
        bob.send("the open mesh goes on");
        alice.awaitLine("<bob> the open mesh goes on");
    }

    @Test
    void anUnknownProfileIsAUsageError() {
        CliProcess p = cli.add(CliProcess.start("bad", cli.home("bad"), "--profile", "fast"));
        assertEquals(CliOptions.EXIT_USAGE, p.awaitExit(java.time.Duration.ofSeconds(30)));
        String err = p.transcript();
        assertTrue(err.contains("error: invalid value for option '--profile': 'fast'"), err);
    }
}
