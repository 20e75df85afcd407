package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatViewTest {
    private final List<String> lines = new ArrayList<>();
    private final MeshNode node = MeshNode.builder().username("alice").build();
    private final ChatView view = new ChatView(node, new ListConsole(lines));
    private final NodeId other = Identity.generate().id();

    @Test
    void uniqueNameIsShownPlain() {
        assertEquals("bob", view.label(other, "bob"));
        assertEquals("alice", view.self());
    }

    @Test
    void nameOfAnotherNodeThatEqualsOursCarriesItsIdPrefix() {
        assertEquals("Alice#" + other.shortHex(), view.label(other, "Alice"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0430lice", "ALICE", "\u0430l\u0456\u0441\u0435", "\uff41lice",
        "al\u200bice"})
    void nameThatLooksLikeOursCarriesItsIdPrefix(String name) {
        assertEquals(Sanitizer.clean(name) + "#" + other.shortHex(), view.label(other, name));
    }

    @Test
    void nodeKnownOnlyByIdIsShownByCodenameAndId() {
        assertEquals(other.codename() + "#" + other.shortHex(), view.label(other));
        assertEquals("alice", view.label(node.id()));
    }

    @Test
    void groupMessageFormatIsSanitized() {
        view.group(GroupName.of("Dev"), "bob", "hi\u001b[2J");
        assertEquals(List.of("[#Dev] <bob> hi\\u001b[2J"), lines);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice#1234abcd", "bob> hi", "a b", "<x", "[private]", "x\u00a0y"})
    void namesThatCouldPassForSomethingElseCarryTheirIdPrefix(String name) {
        assertEquals(Sanitizer.clean(name) + "#" + other.shortHex(), view.label(other, name));
    }

    @Test
    void namesAreSanitized() {
        assertEquals("x\\u001by", view.label(other, "x\u001by"));
    }

    @Test
    void formats() {
        view.broadcast("bob", "hi\u202e");
        view.privateFrom("bob", "psst");
        view.privateTo("bob", "psst");
        view.system("connected to bob (h:1)");
        view.error("unknown command /x (type /help)");
        assertEquals(List.of("<bob> hi\\u202e", "[private] <bob> psst", "[private to bob] psst",
                "* connected to bob (h:1)", "error: unknown command /x (type /help)"), lines);
    }

    @Test
    void colouredLinesKeepTheTextAndOurOwnNameIsBold() {
        List<String> coloured = new ArrayList<>();
        ChatView colourView = new ChatView(node, new ListConsole(coloured), Palette.ANSI, null);
        colourView.broadcast("bob", "hi\u001b[2J");
        colourView.broadcast("alice", "mine");
        colourView.privateFrom("bob", "psst");
        colourView.group(GroupName.of("Dev"), "bob", "team");
        colourView.system("connected to bob (h:1)");
        colourView.error("oops");
        assertEquals(List.of("<bob> hi\\u001b[2J", "<alice> mine", "[private] <bob> psst",
                "[#Dev] <bob> team", "* connected to bob (h:1)", "error: oops"),
                coloured.stream().map(l -> l.replaceAll("\u001b\\[[0-9;]*m", "")).toList());
        assertEquals("<" + Palette.ANSI.sender("bob", false) + "> hi\\u001b[2J",
                coloured.get(0));
        assertEquals("<\u001b[1malice\u001b[0m> mine", coloured.get(1));
        assertEquals("\u001b[31merror: oops\u001b[0m", coloured.get(5));
    }

    @Test
    void timestampsStartEveryLineWithTheLocalTime() {
        List<String> stamped = new ArrayList<>();
        java.time.Clock clock = java.time.Clock.fixed(
                java.time.Instant.parse("2026-11-26T14:05:09Z"), java.time.ZoneOffset.UTC);
        ChatView stampedView = new ChatView(node, new ListConsole(stamped), Palette.NONE, clock);
        stampedView.broadcast("bob", "hi");
        stampedView.system("connected to bob (h:1)");
        assertEquals(List.of("14:05:09 <bob> hi", "14:05:09 * connected to bob (h:1)"),
                stamped);
    }

    @Test
    void nothingIsPrintedOnceMuted() {
        view.mute();
        view.broadcast("bob", "late");
        view.system("bob disconnected (node closed)");
        assertEquals(List.of(), lines);
    }
}
