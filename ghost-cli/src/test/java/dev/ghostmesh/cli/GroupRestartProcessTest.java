package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A restart with the same home loses no group, with real CLI processes: alice creates the
 * protected #ops, bob and charlie join it with the password (chain alice - charlie - bob).
 * Alice (the creator) and then bob (a member) quit and start again with their homes: each is
 * back in #ops, sends and reads there, and no process shows a leave or a join of #ops for the
 * restart. An explicit /leave afterwards still shows as one.
 */
class GroupRestartProcessTest {
    private static final String PASSWORD = "correct-horse-battery";
    /** Lines of events that may arrive while a command runs. */
    private static final Pattern EVENT = Pattern.compile("\\* (\\S+ (joined the mesh|left the"
            + " mesh \\(.*\\)|created #\\S+( \\(protected\\))?|joined #\\S+|left #\\S+"
            + "|disconnected .*)|connected to .*)");

    @RegisterExtension
    final CliProcesses cli = new CliProcesses();

    private static List<String> run(CliProcess p, String command) {
        return p.run(command).stream().filter(l -> !EVENT.matcher(l).matches()).toList();
    }

    private static void assertOnlyLine(CliProcess p, String command, String expected) {
        assertEquals(List.of(expected), run(p, command), () -> command + "\n" + p.transcript());
    }

    private static void quit(CliProcess p) {
        p.send("/quit");
        assertEquals(0, p.awaitExit(CliProcess.TIMEOUT), p::transcript);
    }

    /** {@code from} says {@code text} in #ops and every one of {@code to} shows it. */
    private static void say(CliProcess from, String name, String text, CliProcess... to) {
        assertOnlyLine(from, "/group ops " + text, "[#ops] <" + name + "> " + text);
        for (CliProcess p : to) {
            p.awaitLine("[#ops] <" + name + "> " + text);
        }
    }

    private static List<String> groupLines(CliProcess p, int from) {
        return p.lines(from, l -> l.contains("joined #ops") || l.contains("left #ops"));
    }

    @Test
    void theCreatorAndAProtectedMemberRestartInTheGroupAndNobodySeesThemLeaveOrJoin()
            throws Exception {
        CliProcess alice = cli.start("alice");
        CliProcess charlie = cli.start("charlie", "--connect", "localhost:" + alice.port());
        charlie.awaitLine("* connected to alice");
        CliProcess bob = cli.start("bob", "--connect", "localhost:" + charlie.port());
        alice.awaitLine("* bob joined the mesh");
        // alice existed before bob linked: his catch-up is summed up, not replayed.
        bob.awaitLine("* 3 nodes, 0 groups in the mesh");
        assertOnlyLine(alice, "/create ops " + PASSWORD, "* created group #ops (protected)");
        bob.awaitLine("* alice created #ops (protected)");
        charlie.awaitLine("* alice created #ops (protected)");
        assertOnlyLine(bob, "/join ops " + PASSWORD, "* joined #ops (protected)");
        assertOnlyLine(charlie, "/join ops " + PASSWORD, "* joined #ops (protected)");
        alice.awaitLine("* charlie joined #ops");
        bob.awaitLine("* charlie joined #ops");
        say(alice, "alice", "before the restarts", bob, charlie);

        Path state = cli.home("alice").resolve("groups.state");
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
        assertFalse(new String(Files.readAllBytes(state), StandardCharsets.ISO_8859_1)
                .contains("ops"), "the file holds no group name in plaintext");

        int bobMark = bob.mark();
        int charlieMark = charlie.mark();
        quit(alice);
        charlie.awaitLine(charlieMark, "* alice left the mesh (said goodbye)");
        CliProcess alice2 = cli.start("alice", "--connect", "localhost:" + charlie.port());
        bob.awaitLine(bobMark, "* alice joined the mesh");
        say(alice2, "alice", "the creator is back", bob, charlie);
        say(bob, "bob", "welcome back", alice2, charlie);
        // Bob's message came after charlie's snapshot of the mesh on the same link.
        assertOnlyLine(alice2, "/mygroups", "* #ops (protected)  3 members: alice, bob,"
                + " charlie");
        assertOnlyLine(alice2, "/groups", "* #ops (protected)  3 members  (joined)");

        int aliceMark = alice2.mark();
        quit(bob);
        charlie.awaitLine(charlieMark, "* bob left the mesh (said goodbye)");
        CliProcess bob2 = cli.start("bob", "--connect", "localhost:" + charlie.port());
        alice2.awaitLine(aliceMark, "* bob joined the mesh");
        say(bob2, "bob", "the member is back", alice2, charlie);
        say(charlie, "charlie", "all here", alice2, bob2);
        say(alice2, "alice", "and the creator", bob2, charlie);
        assertOnlyLine(bob2, "/mygroups", "* #ops (protected)  3 members: bob, alice, charlie");

        assertEquals(List.of(), groupLines(bob, bobMark), bob::transcript);
        assertEquals(List.of(), groupLines(charlie, charlieMark), charlie::transcript);
        assertEquals(List.of(), groupLines(alice2, 0), alice2::transcript);
        assertEquals(List.of(), groupLines(bob2, 0), bob2::transcript);

        assertOnlyLine(charlie, "/leave ops", "* left #ops");
        alice2.awaitLine("* charlie left #ops");
        bob2.awaitLine("* charlie left #ops");
        for (CliProcess p : List.of(alice2, bob2, charlie)) {
            quit(p);
            assertTrue(p.stderr().isEmpty(), p::transcript);
        }
    }
}
