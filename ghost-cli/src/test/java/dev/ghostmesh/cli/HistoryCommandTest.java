package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.local.LocalNetwork;
import dev.ghostmesh.testing.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code history} command on an in-process mesh alice - bob: the chat's words
 * ({@code /history [n]}, {@code #group}, a user) and JSON's fields ({@code limit},
 * {@code group}, {@code user}, {@code before}) pick the same entries, and a bad count, a group
 * and a user at once, or yourself are typed errors.
 */
class HistoryCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String TIME = "\\[history \\d\\d:\\d\\d\\] ";

    private final LocalNetwork net = LocalNetwork.create();
    private final List<String> screen = new ArrayList<>();
    private MeshNode alice;
    private MeshNode bob;
    private CommandHandler commands;
    private CommandContext context;

    @BeforeEach
    void startMesh() throws Exception {
        alice = MeshNode.builder().username("alice").transport(net.transport("alice")).build();
        bob = MeshNode.builder().username("bob").transport(net.transport("bob")).build();
        ChatView view = new ChatView(alice, new ListConsole(screen));
        commands = new CommandHandler(alice, view);
        context = new CommandContext(alice, new Confusables(), (id, n) -> n, null,
                CommandContext.DisconnectHooks.NONE, d -> { });
        alice.start();
        bob.start();
        bob.connect(PeerAddress.local("alice")).get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> alice.nodes().size() == 1 && bob.nodes().size() == 1,
                "each knows the other");
        bob.createGroup(GroupName.of("Dev")).get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> !alice.groups().isEmpty(), "alice hears of #Dev");
        alice.joinGroup(GroupName.of("dev")).get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> bob.groups().get(0).members().size() == 2, "bob sees her join");
        bob.broadcast("one").get(5, TimeUnit.SECONDS);
        bob.sendToGroup(GroupName.of("Dev"), "two").get(5, TimeUnit.SECONDS);
        bob.sendPrivate(alice.id(), "three").get(5, TimeUnit.SECONDS);
        alice.broadcast("four").get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> history(HistoryQuery.latest(10)).size() == 4,
                "alice keeps what she saw and sent");
    }

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
        net.close();
    }

    private List<HistoryEntry> history(HistoryQuery q) {
        return alice.history(q).join();
    }

    private List<String> run(String input) {
        synchronized (screen) {
            screen.clear();
        }
        commands.handle(input);
        synchronized (screen) {
            return List.copyOf(screen);
        }
    }

    private static void assertLines(List<String> patterns, List<String> lines) {
        assertEquals(patterns.size(), lines.size(), lines::toString);
        for (int i = 0; i < patterns.size(); i++) {
            assertTrue(lines.get(i).matches(patterns.get(i)), lines.get(i) + " !~ "
                    + patterns.get(i));
        }
    }

    @Test
    void chatWordsPickTheLastNAGroupOrAConversation() {
        assertLines(List.of(TIME + "<bob> one", TIME + "\\[#Dev\\] <bob> two",
                TIME + "\\[private\\] <bob> three", TIME + "<alice> four"), run("/history"));
        assertLines(List.of(TIME + "\\[private\\] <bob> three", TIME + "<alice> four"),
                run("/history 2"));
        assertLines(List.of(TIME + "\\[#Dev\\] <bob> two"), run("/HISTORY #dev"));
        assertLines(List.of(TIME + "\\[private\\] <bob> three"), run("/history bob 5"));
        assertEquals(List.of("* no history of #ops yet"), run("/history #ops"));
        assertEquals(List.of("error: invalid count '0': must be 1-10000"), run("/history 0"));
        assertEquals(List.of("error: invalid count 'x': must be 1-10000"),
                run("/history bob x"));
        assertEquals(List.of("error: there are no private messages with yourself"),
                run("/history alice"));
        assertEquals(List.of("error: unknown user 'carol' (see /nodes; no private messages"
                + " with such a user are kept either)"), run("/history carol"));
        assertEquals(List.of("error: usage: /history [n]  or  /history #<group> [n]  or"
                + "  /history <user> [n]"), run("/history a 1 2"));
    }

    @Test
    void jsonFieldsPickTheSameEntries() throws Exception {
        CommandResult.History all = json("{\"cmd\":\"history\"}");
        assertEquals(4, all.entries().size());
        assertNull(all.peer());
        assertEquals(List.of("three", "four"), texts(json("{\"cmd\":\"history\",\"limit\":2}")));
        assertEquals(List.of("two"), texts(json("{\"cmd\":\"history\",\"group\":\"DEV\"}")));
        CommandResult.History talk = json("{\"cmd\":\"history\",\"user\":\"bob\"}");
        assertEquals(List.of("three"), texts(talk));
        assertEquals(bob.id(), talk.peer().id());
        String before = all.entries().get(2).receivedAt().toString();
        assertEquals(List.of("one", "two"), texts(json("{\"cmd\":\"history\",\"before\":\""
                + before + "\"}")));
        assertEquals("invalid_field", error("{\"cmd\":\"history\",\"limit\":10001}"));
        assertEquals("invalid_field", error("{\"cmd\":\"history\",\"group\":\"a\","
                + "\"user\":\"bob\"}"));
        assertEquals("invalid_field", error("{\"cmd\":\"history\",\"before\":\"yesterday\"}"));
        assertEquals("self", error("{\"cmd\":\"history\",\"user\":\"alice\"}"));
        JsonRequest.Invalid notNumber = assertThrows(JsonRequest.Invalid.class,
                () -> json("{\"cmd\":\"history\",\"limit\":true}"));
        assertEquals("field 'limit' must be a whole number", notNumber.getMessage());
    }

    @Test
    void aConversationWithANodeThatLeftIsStillFound() {
        bob.close();
        Await.until(Duration.ofSeconds(10), () -> alice.nodes().isEmpty(), "bob is gone");
        assertLines(List.of(TIME + "\\[private\\] <bob> three"), run("/history bob"));
        assertLines(List.of(TIME + "\\[private\\] <bob> three"),
                run("/history " + bob.id().hex().substring(0, 6)));
    }

    private CommandResult.History json(String line) throws JsonRequest.Invalid {
        CommandSpec spec = Commands.findJson("history");
        JsonRequest r = JsonRequest.parse(new JsonOutput(java.io.OutputStream.nullOutputStream(),
                java.time.Clock.systemUTC()).factory(), line.getBytes(StandardCharsets.UTF_8));
        return (CommandResult.History) Commands.run(spec, context, CommandArgs.fromJson(spec, r));
    }

    private String error(String line) {
        return assertThrows(CommandError.class, () -> json(line)).code();
    }

    private static List<String> texts(CommandResult.History h) {
        return h.entries().stream().map(e -> e.message().text()).toList();
    }
}
