package dev.ghostmesh.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GameLoopExampleTest {
    private static final Pattern STAMPED = Pattern.compile("^tick (\\d+): (.*)$");
    /** The script's lines with the play tick each is said at (see Match). */
    private static final Map<String, Integer> LOBBY = Map.of(
            "[lobby] <ana> gl hf", 10,
            "[lobby] <ben> glhf, see you at the bridge", 15);
    private static final Map<String, Integer> RED = Map.of(
            "[red] <ana> I take the left flank", 20,
            "[red] <cleo> pushing right", 30);
    private static final Map<String, Integer> BLUE = Map.of(
            "[blue] <ben> covering mid", 25,
            "[blue] <dev> holding the base", 35);

    @Test
    void everyPlayerSeesTheLobbyAndOnlyItsOwnTeamAndEveryEventRunsOnTheGameThread() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Match.Report report = GameLoopExample.run(new GameLoopExample.Settings(4, 80, 40),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(Thread.currentThread().getName(), report.gameThread());
        assertEquals(0, report.eventsElsewhere(), "events on other threads: "
                + report.strayThreads() + "\n" + printed);
        // At least the 16 chat lines (own lines come from futures, others' from onMessage),
        // plus discoveries and team joins seen during setup.
        assertTrue(report.eventsOnGameThread() >= 16 + 4 * 3, printed);
        assertTrue(printed.contains(", 0 on other threads\n"), printed);
        assertEquals(Set.of(), report.libraryThreads(),
                "a host-driven node on an in-process network starts no thread");
        assertTrue(printed.contains("library threads started during the match: none\n"),
                printed);
        assertTrue(printed.contains("lobby full, red: ana cleo, blue: ben dev"), printed);

        assertSaw(report, printed, "ana (red)", RED);
        assertSaw(report, printed, "cleo (red)", RED);
        assertSaw(report, printed, "ben (blue)", BLUE);
        assertSaw(report, printed, "dev (blue)", BLUE);
    }

    /**
     * The player's window holds exactly the lobby lines and its team's, each shown after the
     * tick it was said at, and the printed report lists them.
     */
    private static void assertSaw(Match.Report report, String printed, String player,
            Map<String, Integer> team) {
        Set<String> expected = new HashSet<>(LOBBY.keySet());
        expected.addAll(team.keySet());
        List<String> chat = report.chats().get(player);
        Set<String> seen = new HashSet<>();
        for (String stamped : chat) {
            Matcher m = STAMPED.matcher(stamped);
            assertTrue(m.matches(), stamped);
            String line = m.group(2);
            int saidAt = LOBBY.containsKey(line) ? LOBBY.get(line) : team.getOrDefault(line, 0);
            // Host-driven: an event reaches the game at a later tick, never inside the tick
            // that caused it (not even the sender's own echo).
            assertTrue(Integer.parseInt(m.group(1)) > saidAt, player + " saw early: " + stamped);
            assertTrue(printed.contains("\n  " + stamped + "\n"), printed);
            seen.add(line);
        }
        assertEquals(expected, seen, player + " saw " + chat);
        assertEquals(expected.size(), chat.size(), player + " saw a line twice: " + chat);
        assertTrue(printed.contains(player + " saw " + expected.size() + " lines:\n"), printed);
    }
}
