package dev.ghostmesh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.Message;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Catch-up over a transport: a - b - c - d loses its middle link, each half chats, the link
 * comes back, and every node shows every message of the other half exactly once, marked late.
 *
 * <p>Threading: JUnit runs each test on its own thread; the nodes run on theirs.
 */
public abstract class CatchUpScenarioTest extends MeshTestBase {
    private static final int PER_SIDE = 50;

    /** For subclasses, which say which transport to run on. */
    protected CatchUpScenarioTest() {}

    @Test
    void messagesSentWhileTheMeshWasSplitArriveOnceWhenItIsWholeAgain() throws Exception {
        TestNode[] n = chain("cua", "cub", "cuc", "cud");
        // c dialed b: closing c's kept address splits the mesh and keeps it split.
        assertTrue(n[2].node().disconnect(addressOf(n[1])).get(WAIT.toMillis(),
                TimeUnit.MILLISECONDS));
        Await.until(WAIT, () -> !hasPeer(n[1], n[2]) && !hasPeer(n[2], n[1]), "the split");
        for (int i = 0; i < PER_SIDE; i++) {
            n[0].node().broadcast("left " + i);
            n[3].node().broadcast("right " + i);
        }
        Await.until(WAIT, () -> n[1].count("left " + (PER_SIDE - 1)) == 1
                && n[2].count("right " + (PER_SIDE - 1)) == 1, "each half to have its own");
        assertEquals(0, n[2].count("left 0"), "the split held");

        link(n[2], n[1]);
        for (TestNode t : n) {
            Await.until(WAIT, () -> shown(t) == (PER_SIDE * 2 - own(t)),
                    () -> t.name() + " to show every message, shows " + shown(t));
        }
        settle(n[0], n[1], n[2], n[3]);
        for (TestNode t : n) {
            for (int i = 0; i < PER_SIDE; i++) {
                assertEquals(t == n[0] ? 0 : 1, t.count("left " + i), t.name());
                assertEquals(t == n[3] ? 0 : 1, t.count("right " + i), t.name());
            }
        }
        assertTrue(n[3].events().messages.stream().filter(m -> m.text().startsWith("left "))
                .allMatch(Message::late), "shown as late, as they arrived");
        assertTrue(n[2].events().messages.stream().filter(m -> m.text().startsWith("right "))
                .noneMatch(Message::late), "its own half's arrived as they were sent");
        List<HistoryEntry> atD = n[3].node().history(HistoryQuery.latest(500))
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(atD.stream().filter(e -> e.message().text().startsWith("left "))
                .allMatch(HistoryEntry::late), "the other half's messages arrived late");
    }

    private static long shown(TestNode t) {
        return t.events().messages.stream().filter(m -> m.text().startsWith("left ")
                || m.text().startsWith("right ")).count();
    }

    private static int own(TestNode t) {
        return t.name().equals("cua") || t.name().equals("cud") ? PER_SIDE : 0;
    }
}
