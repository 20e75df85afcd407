package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import dev.ghostmesh.MeshNode;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one command table: help, surfaces, positional and named parameters, typed errors. */
class CommandTableTest {
    private static final JsonFactory JSON = new JsonOutput(
            java.io.OutputStream.nullOutputStream(), java.time.Clock.systemUTC()).factory();

    private static CommandSpec spec(String name) {
        CommandSpec s = Commands.find(name);
        assertNotNull(s, name);
        return s;
    }

    private static JsonRequest request(String line) throws JsonRequest.Invalid {
        return JsonRequest.parse(JSON, line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyCommandHasHelpAndSaysWhereItWorks() {
        Set<String> names = new HashSet<>();
        for (CommandSpec s : Commands.ALL) {
            assertTrue(names.add(s.name()), "one row per command: " + s.name());
            assertFalse(s.help().summary().isBlank(), s.name());
            assertFalse(s.help().details().isEmpty(), s.name());
            assertNotNull(s.surface(), s.name());
            List<String> about = CommandHelp.about(s);
            assertEquals("usage: " + s.chatSynopsis(), about.get(0));
            assertTrue(about.size() >= 2, s.name());
            if (s.surface().chat()) {
                assertTrue(CommandHelp.commands().contains("/" + s.name()), s.name());
                assertTrue(CommandHelp.overview().stream().anyMatch(
                        l -> l.startsWith("  " + s.chatSynopsis() + " ")), s.name());
            }
            if (s.surface().json()) {
                assertTrue(CommandHelp.jsonCommands().contains(s.jsonSynopsis()), s.name());
            }
            // Only the last parameter may take the rest of the line.
            for (int i = 0; i < s.params().size() - 1; i++) {
                assertFalse(s.params().get(i).rest(), s.name());
            }
        }
        assertEquals(CommandSpec.Surface.CHAT_ONLY, spec("clear").surface());
        assertTrue(CommandHelp.about(spec("clear")).contains("  (chat only: not a command of"
                + " --json)"));
        assertFalse(CommandHelp.jsonCommands().stream().anyMatch(c -> c.startsWith("clear")));
    }

    @Test
    void jsonModeGainsEveryChatCommandButClear() {
        List<String> json = CommandHelp.jsonCommands().stream().map(c -> c.split(" ")[0])
                .toList();
        for (String c : CommandHelp.commands()) {
            assertEquals(!c.equals("/clear"), json.contains(c.substring(1)), c);
        }
        assertTrue(json.containsAll(List.of("whois", "mygroups", "nodes", "publish",
                "subscribe", "unsubscribe", "send")), json::toString);
    }

    @Test
    void synopsesComeFromTheParameters() {
        assertEquals("/msg <user> <message>", spec("msg").chatSynopsis());
        assertEquals("msg to text", spec("msg").jsonSynopsis());
        assertEquals("/create <name> [password]", spec("create").chatSynopsis());
        assertEquals("create group [password]", spec("create").jsonSynopsis());
        assertEquals("/connect <host> [port]", spec("connect").chatSynopsis());
        assertEquals("connect address", spec("connect").jsonSynopsis(), "port is the chat's");
        assertEquals("send to topic text|data", spec("send").jsonSynopsis());
        assertEquals("/send <user> <topic> <text>", spec("send").chatSynopsis());
        // /history reads what a word is from its form (#dev, 20, bob); JSON has a field each.
        assertEquals("/history [n|#group|user] [n]", spec("history").chatSynopsis());
        assertEquals("history [limit] [group] [user] [before]", spec("history").jsonSynopsis());
        assertEquals(spec("quit"), Commands.find("EXIT"));
        assertNull(Commands.findJson("MSG"), "JSON names are exact");
    }

    @Test
    void chatWordsArePositionalAndTheLastRestParameterTakesTheRest() {
        CommandArgs a = CommandArgs.fromChat(spec("send"), "  bob   jobs/x  start  the  build ");
        assertEquals("bob", a.get("to"));
        assertEquals("jobs/x", a.get("topic"));
        assertEquals("start  the  build", a.get("text"));
        CommandArgs c = CommandArgs.fromChat(spec("create"), "ops correct horse");
        assertEquals("ops", c.get("group"));
        assertEquals("correct horse", new String(c.secret("password")));
        assertNull(c.get("password"), "a secret is only a char[]");
        c.clear();
        assertEquals("\0".repeat(13), new String(c.secret("password")), "wiped");
        assertNull(CommandArgs.fromChat(spec("join"), "ops").secret("password"));
        assertEquals("7000", CommandArgs.fromChat(spec("connect"), "h 7000").get("port"));
        CommandArgs h = CommandArgs.fromChat(spec("history"), "#dev 50");
        assertEquals("#dev", h.get("what"));
        assertEquals("50", h.get("limit"));
        assertNull(h.get("group"), "a JSON-only parameter is no chat word");
    }

    @Test
    void missingOrExtraChatWordsAreTheUsageError() {
        CommandError e = assertThrows(CommandError.class,
                () -> CommandArgs.fromChat(spec("msg"), "bob"));
        assertEquals("usage", e.code());
        assertEquals("usage: /msg <user> <message>", e.chat());
        assertEquals("usage: /connect <host> [port]  or  /connect <host>:<port>",
                assertThrows(CommandError.class,
                        () -> CommandArgs.fromChat(spec("connect"), "a b c")).chat());
        assertThrows(CommandError.class, () -> CommandArgs.fromChat(spec("leave"), "a b"));
        assertThrows(CommandError.class, () -> CommandArgs.fromChat(spec("peers"), "x"));
    }

    @Test
    void jsonFieldsAreNamed() throws Exception {
        CommandArgs a = CommandArgs.fromJson(spec("send"), request(
                "{\"cmd\":\"send\",\"text\":\"hi there\",\"topic\":\"t\",\"to\":\"bob\"}"));
        assertEquals("bob", a.get("to"));
        assertEquals("hi there", a.get("text"));
        CommandArgs d = CommandArgs.fromJson(spec("publish"), request(
                "{\"cmd\":\"publish\",\"topic\":\"t\",\"data\":\"AAEC\"}"));
        assertTrue(java.util.Arrays.equals(new byte[] {0, 1, 2}, d.bytes("text")));
        assertNull(CommandArgs.fromJson(spec("connect"), request(
                "{\"cmd\":\"connect\",\"address\":\"h\",\"port\":\"1\"}")).get("port"),
                "a chat-only parameter is no JSON field");
        JsonRequest.Invalid missing = assertThrows(JsonRequest.Invalid.class,
                () -> CommandArgs.fromJson(spec("msg"), request("{\"cmd\":\"msg\",\"to\":\"b\"}")));
        assertEquals("invalid_field", missing.code);
        assertEquals("missing field 'text'", missing.getMessage());
        assertEquals("missing field 'text' (or 'data')", assertThrows(JsonRequest.Invalid.class,
                () -> CommandArgs.fromJson(spec("publish"), request(
                        "{\"cmd\":\"publish\",\"topic\":\"t\"}"))).getMessage());
        CommandArgs h = CommandArgs.fromJson(spec("history"), request(
                "{\"cmd\":\"history\",\"limit\":5,\"group\":\"dev\",\"what\":\"x\"}"));
        assertEquals("5", h.get("limit"), "a JSON number");
        assertEquals("dev", h.get("group"));
        assertNull(h.get("what"), "a chat-only parameter is no JSON field");
        assertNull(CommandArgs.fromJson(spec("create"), request(
                "{\"cmd\":\"create\",\"group\":\"g\",\"password\":\"\"}")).secret("password"));
    }

    @Test
    void actionsFailWithTypedErrors() {
        MeshNode node = MeshNode.builder().username("alice").build();
        node.start();
        try {
            CommandContext c = new CommandContext(node, new Confusables(),
                    (id, name) -> name, null, CommandContext.DisconnectHooks.NONE, d -> { });
            assertEquals("self", code(c, "msg", Map.of("to", "alice", "text", "x")));
            assertEquals("unknown_user", code(c, "whois", Map.of("user", "bob")));
            assertEquals("invalid_field", code(c, "join", Map.of("group", "a!")));
            assertEquals("unknown_group", code(c, "leave", Map.of("group", "dev")));
            assertEquals("not_connected", code(c, "disconnect", Map.of("peer", "h:5")));
            assertEquals("rejected", code(c, "broadcast", Map.of("text", "")));
            assertEquals("rejected", code(c, "subscribe", Map.of("topic", "a//b")));
            assertEquals("not_subscribed", code(c, "unsubscribe", Map.of("topic", "t")));
            CommandError g = assertThrows(CommandError.class, () -> Commands.run(spec("leave"),
                    c, CommandArgs.of(Map.of("group", "dev"))));
            assertEquals("unknown group 'dev' (see /groups)", g.chat());
            assertFalse(g.getMessage().contains("/groups"), "JSON gets the library's reason");
            assertTrue(Commands.run(spec("whois"), c, CommandArgs.of(Map.of("user", "ALICE")))
                    instanceof CommandResult.Whois w && w.node() == null);
        } finally {
            node.close();
        }
    }

    private static String code(CommandContext c, String command, Map<String, String> args) {
        return assertThrows(CommandError.class,
                () -> Commands.run(spec(command), c, CommandArgs.of(args))).code();
    }
}
