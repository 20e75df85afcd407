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
        // plus discoveries and team joins seen during setup, plus the position updates.
        assertTrue(report.eventsOnGameThread() >= 16 + 4 * 3 + 4 * 3 * 40, printed);
        assertTrue(printed.contains(", 0 on other threads\n"), printed);
        assertEquals(Set.of(), report.libraryThreads(),
                "a host-driven node on an in-process network starts no thread");
        assertTrue(printed.contains("library threads started during the match: none\n"),
                printed);
        assertTrue(printed.contains("lobby full, red: ana cleo, blue: ben dev"), printed);
        assertTrue(printed.contains("\npositions: 12-byte updates on game/positions, the newest"
                + " per player, dropped after 500 ms\n"), printed);

        assertSaw(report, printed, "ana (red)", RED);
        assertSaw(report, printed, "cleo (red)", RED);
        assertSaw(report, printed, "ben (blue)", BLUE);
        assertSaw(report, printed, "dev (blue)", BLUE);

        for (String player : report.positions().keySet()) {
            assertTrackedTheOthers(report, printed, player, 80);
        }
    }

    /**
     * Every other player's binary position updates reached {@code player} and decode to where
     * that bot is at the tick they name; a newer one is never followed by an older one (the
     * latest-value key), each arrives at a later tick than it was sent, and they keep coming
     * until the end of play.
     */
    private static void assertTrackedTheOthers(Match.Report report, String printed,
            String player, int playTicks) {
        Map<String, List<Player.Heard>> heard = report.positions().get(player);
        String name = player.substring(0, player.indexOf(' '));
        Set<String> others = new HashSet<>(Match.NAMES.subList(0, 4));
        others.remove(name);
        assertEquals(others, heard.keySet(), player + " heard positions from " + heard.keySet());
        for (Map.Entry<String, List<Player.Heard>> from : heard.entrySet()) {
            int sender = Match.NAMES.indexOf(from.getKey());
            List<Player.Heard> updates = from.getValue();
            // One update a tick; only one stalled past its lifetime, or superseded, is lost.
            assertTrue(updates.size() >= playTicks / 2, player + " got " + updates.size()
                    + " updates from " + from.getKey());
            int previous = -1;
            for (Player.Heard h : updates) {
                PositionUpdate u = h.update();
                assertEquals(PositionUpdate.of(sender, u.tick()), u, player + " decoded");
                assertTrue(u.tick() > previous, player + ": tick " + u.tick() + " from "
                        + from.getKey() + " after " + previous);
                assertTrue(h.receivedAt() > u.tick(), player + " got it early: " + h);
                previous = u.tick();
            }
            assertTrue(previous >= playTicks - 10, player + "'s last update from "
                    + from.getKey() + " is for tick " + previous);
        }
        int total = heard.values().stream().mapToInt(List::size).sum();
        assertTrue(printed.contains("\n  " + player + " got " + total + ", last: "), printed);
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
