package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The chat's history lines: each kind as it was shown, tagged with its time, and the empties. */
class HistoryLinesTest {
    private static final Instant NOW = Instant.parse("2026-12-08T15:00:00Z");
    private final List<String> lines = new ArrayList<>();
    private final MeshNode node = MeshNode.builder().username("alice").build();
    private final ChatView view = new ChatView(node, new ListConsole(lines));
    private final HistoryLines history = new HistoryLines(view,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final NodeId bob = Identity.generate().id();
    private final Random random = new Random(1);

    private HistoryEntry entry(MessageKind kind, NodeId from, String name, NodeId to,
            String group, String text, String at, boolean late) {
        Message m = new Message(MessageId.random(random), kind, from, name,
                Optional.ofNullable(to), Optional.ofNullable(group).map(GroupName::of), text,
                Instant.parse(at), from.equals(node.id()) ? 0 : 1);
        return new HistoryEntry(m, Instant.parse(at), late);
    }

    @Test
    void everyKindIsShownAsItWasBehindItsTimeAndTheDateOfAnotherDay() {
        List<HistoryEntry> entries = List.of(
                entry(MessageKind.BROADCAST, bob, "bob", null, null, "hi\u001b[2J",
                        "2026-12-07T09:12:00Z", false),
                entry(MessageKind.GROUP, bob, "bob", null, "Dev", "standup",
                        "2026-12-08T14:05:00Z", false),
                entry(MessageKind.PRIVATE, bob, "bob", node.id(), null, "lunch?",
                        "2026-12-08T14:06:00Z", false),
                entry(MessageKind.PRIVATE, node.id(), "alice", bob, null, "sure",
                        "2026-12-08T14:07:00Z", false),
                entry(MessageKind.BROADCAST, node.id(), "alice", null, null, "back",
                        "2026-12-08T14:09:00Z", true));
        history.atStart(entries, Map.of(bob, "bob"));
        assertEquals(List.of(
                "[history 2026-12-07 09:12] <bob> hi\\u001b[2J",
                "[history 14:05] [#Dev] <bob> standup",
                "[history 14:06] [private] <bob> lunch?",
                // bob is in no directory here: the name he last wrote under names him.
                "[history 14:07] [private to bob] sure",
                "[history 14:09, late] <alice> back",
                "* end of history"), lines);
    }

    @Test
    void nothingAtStartWithoutHistoryAndOneLineForAnEmptyAnswer() {
        history.atStart(List.of(), Map.of());
        assertEquals(List.of(), lines);
        HistoryQuery all = HistoryQuery.latest(20);
        history.result(new CommandResult.History(List.of(), all, null, Map.of()));
        history.result(new CommandResult.History(List.of(), all.group(GroupName.of("dev")),
                null, Map.of()));
        NodeInfo peer = new NodeInfo(bob, "bob", bob.codename(), 0, List.of(), Set.of(), 0,
                Optional.empty(), NOW, Set.of());
        history.result(new CommandResult.History(List.of(), all.conversationWith(bob), peer,
                Map.of()));
        assertEquals(List.of("* no history yet", "* no history of #dev yet",
                "* no private messages with bob yet"), lines);
    }

    @Test
    void aPrivateMessageToANodeNoLongerKnownIsLabelledByTheNameItWroteUnder() {
        HistoryEntry mine = entry(MessageKind.PRIVATE, node.id(), "alice", bob, null, "ping",
                "2026-12-08T14:07:00Z", false);
        history.result(new CommandResult.History(List.of(mine), HistoryQuery.latest(1), null,
                Map.of(bob, "bob")));
        history.result(new CommandResult.History(List.of(mine), HistoryQuery.latest(1), null,
                Map.of()));
        assertEquals("[history 14:07] [private to bob] ping", lines.get(0));
        assertEquals("[history 14:07] [private to " + bob.codename() + "#" + bob.shortHex()
                + "] ping", lines.get(1), "no name known: its codename and id");
    }

    @Test
    void theTagIsInTheSystemColourAndTheLineKeepsItsOwn() {
        List<String> coloured = new ArrayList<>();
        ChatView colourView = new ChatView(node, new ListConsole(coloured), Palette.ANSI, null);
        new HistoryLines(colourView, Clock.fixed(NOW, ZoneOffset.UTC)).atStart(List.of(
                entry(MessageKind.BROADCAST, bob, "bob", null, null, "hi",
                        "2026-12-08T14:05:00Z", false)), Map.of());
        assertTrue(coloured.get(0).startsWith("\u001b[90m[history 14:05]\u001b[0m <\u001b["),
                coloured::toString);
    }
}
