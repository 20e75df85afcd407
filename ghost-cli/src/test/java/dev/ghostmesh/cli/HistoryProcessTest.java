package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chat's history with real processes: what alice saw and sent is in her {@code ghost.db}
 * (mode 0600) after she quits; her next start shows it marked as history, {@code /history}
 * picks the last n, a group's and a conversation's (with bob no longer in her mesh), and JSON's
 * {@code history} returns the same entries with their fields. A {@code ghost.db} that is not a
 * database costs one warning line and is left as it was; {@code --no-history} writes none.
 */
class HistoryProcessTest {
    private static final String TIME = "\\[history \\d\\d:\\d\\d\\] ";

    @RegisterExtension
    final CliProcesses cli = new CliProcesses();

    private static void quit(CliProcess p) {
        p.send("/quit");
        assertEquals(0, p.awaitExit(CliProcess.TIMEOUT), p::transcript);
    }

    private static void assertLines(List<String> patterns, List<String> lines) {
        assertEquals(patterns.size(), lines.size(), lines::toString);
        for (int i = 0; i < patterns.size(); i++) {
            assertTrue(Pattern.matches(patterns.get(i), lines.get(i)), lines.get(i) + " !~ "
                    + patterns.get(i));
        }
    }

    @Test
    void aRestartShowsWhatTheChatSawAndHistoryPicksGroupsAndConversations() {
        CliProcess alice = cli.start("alice");
        CliProcess bob = cli.start("bob", "--connect", "localhost:" + alice.port());
        alice.awaitLine("* connected to bob");
        bob.awaitLine("* connected to alice");
        bob.run("/create dev");
        // Within the link's catch-up window the creation is summed up, not announced.
        alice.awaitLine(0, l -> l.equals("* bob created #dev")
                || l.startsWith("* 2 nodes, 1 group in the mesh"), "news of #dev");
        alice.run("/join dev");
        bob.awaitLine("* alice joined #dev");
        bob.run("hello from bob");
        bob.run("/group dev standup in 5");
        bob.run("/msg alice lunch?");
        alice.awaitLine("[private] <bob> lunch?");
        alice.awaitLine("[#dev] <bob> standup in 5");
        alice.run("/msg bob sure");
        alice.run("back to work");
        bob.awaitLine("<alice> back to work");
        Path db = cli.home("alice").resolve(HistoryStore.FILE);
        quit(alice);
        assertEquals("rw-------", posix(db));

        CliProcess again = cli.start("alice");
        List<String> start = again.stdout();
        int banner = start.indexOf("* Type /help for commands");
        List<String> history = List.of(TIME + "<bob> hello from bob",
                TIME + "\\[#dev\\] <bob> standup in 5", TIME + "\\[private\\] <bob> lunch\\?",
                TIME + "\\[private to bob\\] sure", TIME + "<alice> back to work");
        again.awaitLine("* end of history");
        assertLines(List.of(history.toArray(String[]::new)),
                again.stdout().subList(banner + 1, banner + 6));
        assertEquals("* end of history", again.stdout().get(banner + 6));

        assertLines(history, again.run("/history"));
        assertLines(history.subList(3, 5), again.run("/history 2"));
        assertLines(history.subList(1, 2), again.run("/history #DEV"));
        // bob is not in this run's mesh: the conversation is found by the name he wrote under.
        assertLines(history.subList(2, 4), again.run("/history bob"));
        assertEquals(List.of("* no history of #ops yet"), again.run("/history #ops"));
        quit(again);

        JsonClient json = cli.json("alice");
        assertEquals("disk", json.ready().get("history"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) json.ok(
                "{\"cmd\":\"history\",\"limit\":10}").get("entries");
        assertEquals(List.of("hello from bob", "standup in 5", "lunch?", "sure", "back to work"),
                entries.stream().map(e -> e.get("text")).toList());
        String aliceId = json.id();
        String bobId = bob.id();
        Map<String, Object> group = entries.get(1);
        assertEquals("group", group.get("kind"));
        assertEquals("dev", group.get("group"));
        assertEquals(bobId, group.get("from"));
        assertEquals("bob", group.get("fromName"));
        assertEquals(1L, group.get("hops"));
        assertEquals(false, group.get("late"));
        assertEquals(false, group.get("own"));
        assertTrue(((String) group.get("id")).matches("[0-9a-f]{32}"), group::toString);
        Instant.parse((String) group.get("sentAt"));
        Instant.parse((String) group.get("receivedAt"));
        Map<String, Object> mine = entries.get(3);
        assertEquals("private", mine.get("kind"));
        assertEquals(aliceId, mine.get("from"));
        assertEquals(bobId, mine.get("to"));
        assertEquals("bob", mine.get("toName"));
        assertEquals(true, mine.get("own"));
        assertEquals(0L, mine.get("hops"));
        assertFalse(mine.containsKey("group"));
        assertEquals(aliceId, entries.get(2).get("to"));
        assertEquals("broadcast", entries.get(0).get("kind"));
        Map<String, Object> talk = json.ok("{\"cmd\":\"history\",\"user\":\"bob\"}");
        assertEquals(bobId, talk.get("peer"));
        assertEquals(2, ((List<?>) talk.get("entries")).size());
        json.ok("{\"cmd\":\"quit\"}");
        assertEquals(0, json.process.awaitExit(CliProcess.TIMEOUT));
        quit(bob);
    }

    @Test
    void aGhostDbThatIsNotADatabaseCostsOneWarningAndIsLeftAsItWas() throws Exception {
        Path home = Files.createDirectories(cli.home("eve"));
        byte[] junk = "not a database, whatever it is\n".repeat(200).getBytes();
        Path db = Files.write(home.resolve(HistoryStore.FILE), junk);
        CliProcess eve = cli.start("eve");
        eve.awaitLine("history is not kept");
        List<String> warnings = eve.lines(0, l -> l.contains("history is not kept"));
        assertEquals(1, warnings.size(), eve::transcript);
        assertTrue(warnings.get(0).startsWith("* warning: history is not kept: " + db
                + ": not a Ghost Terminal store (") && warnings.get(0).endsWith("not a"
                + " database)); this run keeps it in memory only"), warnings::toString);
        assertEquals(List.of("* no history yet"), eve.run("/history"));
        assertTrue(eve.run("/status").stream().anyMatch(l -> l.startsWith("* ID: ")));
        quit(eve);
        assertTrue(eve.stderr().isEmpty(), eve::transcript);

        JsonClient json = cli.json("eve");
        Map<String, Object> ready = json.ready();
        assertEquals("failed", ready.get("history"));
        assertTrue(((String) ready.get("historyError")).startsWith(db + ": not a Ghost"
                + " Terminal store"), ready::toString);
        json.ok("{\"cmd\":\"quit\"}");
        assertEquals(0, json.process.awaitExit(CliProcess.TIMEOUT));
        assertArrayEquals(junk, Files.readAllBytes(db), "never rewritten");
    }

    @Test
    void noHistoryWritesNoGhostDb() {
        CliProcess frank = cli.start("frank", "--no-history");
        assertEquals(List.of("* no history yet"), frank.run("/history"));
        quit(frank);
        assertFalse(Files.exists(cli.home("frank").resolve(HistoryStore.FILE)));
        assertEquals(List.of(), frank.lines(0, l -> l.contains("history is not kept")
                || l.contains("end of history")), frank::transcript);
        JsonClient json = cli.json("frank", "--no-history");
        assertEquals("memory", json.ready().get("history"));
        json.ok("{\"cmd\":\"quit\"}");
        assertEquals(0, json.process.awaitExit(CliProcess.TIMEOUT));
        assertFalse(Files.exists(cli.home("frank").resolve(HistoryStore.FILE)));
    }

    private static String posix(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
