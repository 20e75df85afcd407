package dev.ghostmesh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.MessageKind;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The history of each node of a chain a - b - c: what it showed and what it sent, each kind in
 * its place, queried by kind, group and conversation, run against every transport.
 *
 * <p>Threading: JUnit runs each test on its own thread; the nodes run on theirs.
 */
public abstract class HistoryScenarioTest extends MeshTestBase {
    /** For subclasses, which say which transport to run on. */
    protected HistoryScenarioTest() {}

    private static List<String> texts(List<HistoryEntry> entries) {
        return entries.stream().map(e -> e.message().text()).toList();
    }

    private static List<HistoryEntry> history(TestNode n, HistoryQuery q) throws Exception {
        return n.node().history(q).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void everyNodeKeepsWhatItShowedAndWhatItSent() throws Exception {
        TestNode[] chain = chain("hia", "hib", "hic");
        TestNode a = chain[0];
        TestNode c = chain[2];
        GroupName dev = GroupName.of("dev");
        a.node().createGroup(dev).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> !c.node().groups().isEmpty(), "c to learn of #dev");
        c.node().joinGroup(dev).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> a.node().groups().get(0).members().size() == 2,
                "a to see c in #dev");

        a.node().broadcast("hello all").get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        a.node().sendToGroup(dev, "hello dev").get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        a.node().sendPrivate(c.node().id(), "hello c").get(WAIT.toMillis(),
                TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> c.events().messages.size() == 3, "c to show all three");
        c.node().sendPrivate(a.node().id(), "hello a").get(WAIT.toMillis(),
                TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> a.count("hello a") == 1, "a to get c's answer");

        assertEquals(List.of("hello all", "hello dev", "hello c", "hello a"),
                texts(history(c, HistoryQuery.latest(10))), "c: three shown, one sent");
        assertEquals(List.of("hello all", "hello dev", "hello c", "hello a"),
                texts(history(a, HistoryQuery.latest(10))), "a: three sent, one shown");
        assertEquals(List.of("hello all"), texts(history(chain[1], HistoryQuery.latest(10))),
                "b relayed the rest unread and keeps only what it showed");

        List<HistoryEntry> atC = history(c, HistoryQuery.latest(10));
        assertEquals(List.of(MessageKind.BROADCAST, MessageKind.GROUP, MessageKind.PRIVATE,
                MessageKind.PRIVATE), atC.stream().map(e -> e.message().kind()).toList());
        assertEquals(a.node().id(), atC.get(0).message().sender());
        assertEquals(2, atC.get(0).message().hops());
        assertFalse(atC.get(0).late());
        assertTrue(atC.stream().allMatch(e -> !e.receivedAt().isBefore(
                atC.get(0).receivedAt())), "in the order received");
        assertEquals(List.of("hello dev"), texts(history(c, HistoryQuery.latest(10)
                .group(GroupName.of("DEV")))));
        assertEquals(List.of("hello c", "hello a"), texts(history(c, HistoryQuery.latest(10)
                .conversationWith(a.node().id()))));
        assertEquals(List.of("hello a"), texts(history(c, HistoryQuery.latest(1))));
    }
}
