package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.MeshNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JSON commands against a lone, transport-less node: one reply per line, results, errors. */
class JsonCommandsTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private MeshNode node;
    private JsonCommands commands;
    private int read;

    @BeforeEach
    void startNode() {
        node = MeshNode.builder().username("alice").build();
        node.start();
        JsonOutput out = new JsonOutput(bytes, Clock.systemUTC());
        JsonEvents events = new JsonEvents(node, out);
        events.ready(0, "off", "memory", null);
        commands = new JsonCommands(node, out, events, new JsonViews(node, null));
        read = replies().size();
    }

    @AfterEach
    void closeNode() {
        node.close();
    }

    private synchronized List<Map<String, Object>> replies() {
        return bytes.toString(StandardCharsets.UTF_8).lines().map(JsonClient::parse)
                .filter(o -> o.get("type").equals("ok") || o.get("type").equals("error"))
                .toList();
    }

    /** Runs one line and returns its only reply. */
    private Map<String, Object> run(String line) {
        boolean goOn = commands.handle(new BoundedLineReader.Line(
                line.getBytes(StandardCharsets.UTF_8), false));
        List<Map<String, Object>> all = replies();
        assertEquals(read + 1, all.size(), () -> "one reply to " + line + ": " + all);
        read = all.size();
        assertEquals(!line.contains("\"quit\""), goOn, line);
        return all.get(all.size() - 1);
    }

    private Map<String, Object> ok(String line) {
        Map<String, Object> reply = run(line);
        assertEquals("ok", reply.get("type"), () -> line + " -> " + reply);
        return reply;
    }

    private String error(String line) {
        Map<String, Object> reply = run(line);
        assertEquals("error", reply.get("type"), () -> line + " -> " + reply);
        return (String) reply.get("code");
    }

    @Test
    void everyListedCommandIsKnownAndDocumented() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (String command : CommandHelp.jsonCommands()) {
            String cmd = command.split(" ")[0];
            assertTrue(readme.contains("| `" + cmd + "` |"), "README documents " + cmd);
            if (cmd.equals("quit")) {
                continue; // the last reply of all: see quitIsTheLastReply
            }
            Map<String, Object> reply = run("{\"cmd\":\"" + cmd + "\"}");
            assertNotEquals("unknown_command", reply.get("code"), reply::toString);
        }
        assertEquals("unknown_command", error("{\"cmd\":\"/msg\"}"));
    }

    @Test
    void aTextWithLineBreaksIsOneMessage() {
        String id = (String) ok("{\"cmd\":\"broadcast\",\"text\":\"one\\ntwo\\r\\nthree\"}")
                .get("messageId");
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        assertEquals(1L, node.status().messagesSent());
        assertEquals("rejected", error("{\"cmd\":\"broadcast\",\"text\":\"\"}"));
        assertEquals("rejected", error("{\"cmd\":\"broadcast\",\"text\":\""
                + "x".repeat(16 * 1024 + 1) + "\"}"));
    }

    @Test
    void groupCommandsReplyWithTheGroupAndTheirErrorsWithTheLibrarysReason() {
        Map<String, Object> created = ok("{\"cmd\":\"create\",\"group\":\"Dev\"}");
        assertEquals("Dev", created.get("group"));
        assertEquals(List.of(node.id().hex()), created.get("members"));
        assertEquals(true, created.get("joined"));
        assertEquals("already_exists", error("{\"cmd\":\"create\",\"group\":\"dev\"}"));
        assertEquals("already_a_member", error("{\"cmd\":\"join\",\"group\":\"DEV\"}"));
        assertEquals("Dev", ok("{\"cmd\":\"group\",\"group\":\"dev\",\"text\":\"hi\"}")
                .get("group"));
        assertEquals("unknown_group", error("{\"cmd\":\"group\",\"group\":\"ops\","
                + "\"text\":\"hi\"}"));
        assertEquals("invalid_field", error("{\"cmd\":\"leave\",\"group\":\"#Dev\"}"));
        assertEquals("Dev", ok("{\"cmd\":\"leave\",\"group\":\"dev\"}").get("group"));
        assertEquals("not_a_member", error("{\"cmd\":\"leave\",\"group\":\"dev\"}"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> groups = (List<Map<String, Object>>) ok(
                "{\"cmd\":\"groups\"}").get("groups");
        assertEquals(false, groups.get(0).get("joined"));
    }

    @Test
    void usersAreResolvedAsInTheChat() {
        assertEquals("self", error("{\"cmd\":\"msg\",\"to\":\"ALICE\",\"text\":\"hi\"}"));
        assertEquals("self", error("{\"cmd\":\"msg\",\"to\":\"" + node.id().hex()
                .substring(0, 6) + "\",\"text\":\"hi\"}"));
        assertEquals("self", error("{\"cmd\":\"disconnect\",\"peer\":\"alice\"}"));
        assertEquals("unknown_user", error("{\"cmd\":\"msg\",\"to\":\"bob\",\"text\":\"hi\"}"));
        assertEquals("not_connected", error("{\"cmd\":\"disconnect\",\"peer\":"
                + "\"127.0.0.1:1\"}"));
        assertEquals("invalid_field", error("{\"cmd\":\"connect\",\"address\":\"host:99999\"}"));
    }

    @Test
    void everyChatCommandButClearIsAJsonCommand() {
        Map<String, Object> self = ok("{\"cmd\":\"whois\",\"user\":\"ALICE\"}");
        assertEquals(node.id().hex(), self.get("id"));
        assertEquals(true, self.get("self"));
        assertEquals("unknown_user", error("{\"cmd\":\"whois\",\"user\":\"bob\"}"));
        ok("{\"cmd\":\"create\",\"group\":\"Dev\"}");
        ok("{\"cmd\":\"create\",\"group\":\"ops\"}");
        ok("{\"cmd\":\"leave\",\"group\":\"ops\"}");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> mine = (List<Map<String, Object>>) ok(
                "{\"cmd\":\"mygroups\"}").get("groups");
        assertEquals(1, mine.size(), mine::toString);
        assertEquals("Dev", mine.get(0).get("group"));
        assertEquals(List.of(), ok("{\"cmd\":\"nodes\"}").get("nodes"));
        Map<String, Object> clear = run("{\"cmd\":\"clear\",\"id\":3}");
        assertEquals("unsupported", clear.get("code"));
        assertTrue(((String) clear.get("error")).contains("chat command only"), clear::toString);
        Map<String, Object> help = ok("{\"cmd\":\"help\",\"command\":\"/SEND\"}");
        assertEquals("send to topic text|data", help.get("usage"));
        assertEquals(CommandHelp.jsonCommands(), help.get("commands"));
        assertEquals("invalid_field", error("{\"cmd\":\"help\",\"command\":\"nope\"}"));
        assertEquals("invalid_field", error("{\"cmd\":\"publish\",\"topic\":\"t\"}"));
        assertEquals("size", ok("{\"cmd\":\"publish\",\"topic\":\"t\",\"text\":\"\u00e9\"}")
                .keySet().stream().filter(k -> k.equals("size")).findFirst().orElse(null));
    }

    @Test
    void theRequestIdIsEchoedAsWritten() {
        assertEquals("a b", ok("{\"cmd\":\"status\",\"id\":\"a b\"}").get("id"));
        assertEquals(12L, ok("{\"cmd\":\"peers\",\"id\":12}").get("id"));
        Map<String, Object> e = run("{\"cmd\":\"nope\",\"id\":13}");
        assertEquals(13L, e.get("id"));
        assertEquals("nope", e.get("cmd"));
        assertFalse(run("{\"id\":14}").containsKey("cmd"));
    }

    @Test
    void quitIsTheLastReply() {
        assertEquals("quit", ok("{\"cmd\":\"quit\"}").get("cmd"));
        commands.handle(new BoundedLineReader.Line(
                "{\"cmd\":\"status\"}".getBytes(StandardCharsets.UTF_8), false));
        assertEquals(read, replies().size(), "nothing is written after the quit reply");
    }
}
