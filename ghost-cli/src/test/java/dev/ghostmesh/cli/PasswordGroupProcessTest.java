package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Password-protected groups with real CLI processes, default Argon2id costs included: alice
 * creates #dev with a password, bob (at the far end) joins with it after a wrong try, and
 * charlie in the middle relays their messages without showing them. No output line and no log
 * line (at debug level) of any process ever holds a password.
 */
class PasswordGroupProcessTest {
    private static final String PASSWORD = "s3cret-Pw";
    private static final String WRONG = "guess-9x";
    /** Lines of events that may arrive while a command runs. */
    private static final Pattern EVENT = Pattern.compile("\\* \\S+ (joined the mesh|created #\\S+"
            + "( \\(protected\\))?|joined #\\S+|left #\\S+|connected to .*)"
            + "|\\* \\d+ nodes?, \\d+ groups? in the mesh .*");

    /** CLIs that log at debug level, so even the most detailed log is checked. */
    @RegisterExtension
    final CliProcesses cli = new CliProcesses(Map.of("GHOST_LOG_LEVEL", "debug"));

    private static List<String> run(CliProcess p, String command) {
        return p.run(command).stream().filter(l -> !EVENT.matcher(l).matches()).toList();
    }

    private static void assertOnlyLine(CliProcess p, String command, String expected) {
        assertEquals(List.of(expected), run(p, command), () -> command + "\n" + p.transcript());
    }

    @Test
    void membersWithThePasswordChatAndNobodyElseSeesTheTextOrThePassword() throws Exception {
        CliProcess alice = cli.start("alice");
        CliProcess charlie = cli.start("charlie", "--connect", "localhost:" + alice.port());
        charlie.awaitLine("* connected to alice");
        CliProcess bob = cli.start("bob", "--connect", "localhost:" + charlie.port());
        alice.awaitLine("* bob joined the mesh");
        // alice existed before bob linked: the catch-up is summed up, not replayed.
        bob.awaitLine("* 3 nodes, 0 groups in the mesh");

        assertOnlyLine(alice, "/create dev " + PASSWORD, "* created group #dev (protected)");
        bob.awaitLine("* alice created #dev (protected)");
        charlie.awaitLine("* alice created #dev (protected)");
        assertOnlyLine(bob, "/join dev", "error: #dev is protected: join it with its password"
                + " (/join dev <password>)");
        assertOnlyLine(bob, "/join dev " + WRONG, "error: wrong password for #dev");
        assertOnlyLine(bob, "/group dev hi",
                "error: you are not in #dev (/join dev <password> first)");
        int am = alice.mark();
        assertOnlyLine(bob, "/join DEV " + PASSWORD, "* joined #dev (protected)");
        alice.awaitLine(am, "* bob joined #dev");

        assertOnlyLine(alice, "/group dev the plans are ready", "[#dev] <alice> the plans are"
                + " ready");
        bob.awaitLine("[#dev] <alice> the plans are ready");
        assertOnlyLine(bob, "/group dev thanks", "[#dev] <bob> thanks");
        alice.awaitLine(am, "[#dev] <bob> thanks");
        assertOnlyLine(charlie, "/join dev " + WRONG, "error: wrong password for #dev");
        assertEquals(List.of("* #dev (protected)  2 members"), run(charlie, "/groups"));
        assertEquals(List.of("* #dev (protected)  2 members: bob, alice"),
                run(bob, "/mygroups"));

        // A broadcast after the group messages: once charlie shows it, he has relayed them.
        alice.send("barrier");
        charlie.awaitLine("<alice> barrier");
        bob.awaitLine("<alice> barrier");
        assertTrue(charlie.lines(0, l -> l.contains("plans") || l.contains("thanks")).isEmpty(),
                charlie::transcript);

        for (CliProcess p : List.of(alice, bob, charlie)) {
            p.send("/quit");
            assertEquals(0, p.awaitExit(CliProcess.TIMEOUT), p::transcript);
            String output = String.join("\n", p.stdout()) + String.join("\n", p.stderr());
            assertFalse(output.contains(PASSWORD) || output.contains(WRONG), p::transcript);
            String log = Files.readString(cli.home(p.name).resolve(LogSetup.LOG_FILE),
                    StandardCharsets.UTF_8);
            assertTrue(log.contains("closed"), "the log was written: " + log);
            assertFalse(log.contains(PASSWORD) || log.contains(WRONG), log);
        }
    }
}
