package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ghost-terminal --json} with real processes on loopback: two JSON nodes talk, a JSON
 * node and a text node talk, bad input costs one error object each, text and names round-trip
 * exactly, and quit, end of input and SIGTERM end the node with a goodbye. Every stdout line is
 * parsed with jackson-core ({@link JsonClient}), so any line that is not a JSON object with a
 * type and a time fails the test.
 */
class JsonModeProcessTest {
    private static final Duration EXIT = Duration.ofSeconds(10);

    @RegisterExtension
    final CliProcesses cli = new CliProcesses();

    /** A JSON node {@code name} linked to {@code to}, each having seen the other connect. */
    private JsonClient jsonLinkedTo(String name, JsonClient to) {
        JsonClient c = cli.json(name, "--connect", "127.0.0.1:" + to.port());
        String id = c.id();
        to.await("peer_connected", o -> id.equals(o.get("id")));
        c.await("peer_connected", o -> to.id().equals(o.get("id")));
        return c;
    }

    @Test
    void twoJsonNodesExchangeBroadcastPrivateAndGroupMessages() {
        JsonClient alice = cli.json("alice");
        Map<String, Object> ready = alice.ready();
        assertEquals("alice", ready.get("username"));
        assertTrue(((String) ready.get("id")).matches("[0-9a-f]{32}"), ready::toString);
        assertEquals("secure", ready.get("profile"));
        assertEquals("off", ready.get("discovery"));
        assertTrue(ready.get("codename") instanceof String);
        JsonClient bob = jsonLinkedTo("bob", alice);
        Map<String, Object> link = alice.await("peer_connected", o -> "bob".equals(o.get("name")));
        assertEquals(true, link.get("inbound"));
        assertTrue(((String) link.get("address")).contains("127.0.0.1"), link::toString);
        assertEquals(false, bob.await("peer_connected", o -> true).get("inbound"));
        Map<String, Object> joined = alice.await("node_joined", o -> bob.id().equals(o.get("id")));
        assertEquals("bob", joined.get("name"));
        assertEquals(1L, joined.get("hops"));

        String sent = (String) alice.ok("{\"cmd\":\"broadcast\",\"text\":\"hello all\"}")
                .get("messageId");
        Map<String, Object> m = bob.await("message", o -> sent.equals(o.get("id")));
        assertEquals("broadcast", m.get("kind"));
        assertEquals(alice.id(), m.get("from"));
        assertEquals("alice", m.get("fromName"));
        assertEquals("hello all", m.get("text"));
        assertEquals(false, m.get("own"));
        assertFalse(m.containsKey("group"));

        Map<String, Object> reply = bob.ok("{\"cmd\":\"msg\",\"to\":\"alice\",\"text\":\"psst\"}");
        assertEquals(alice.id(), reply.get("to"));
        assertEquals("alice", reply.get("toName"));
        String privateId = (String) reply.get("messageId");
        Map<String, Object> p = alice.await("message", o -> privateId.equals(o.get("id")));
        assertEquals("private", p.get("kind"));
        assertEquals(bob.id(), p.get("from"));
        assertEquals("psst", p.get("text"));
        Map<String, Object> receipt = bob.await("delivered", o -> privateId.equals(o.get("id")));
        assertEquals(alice.id(), receipt.get("to"));
        assertEquals("alice", receipt.get("toName"));

        Map<String, Object> created = alice.ok("{\"cmd\":\"create\",\"group\":\"Dev\"}");
        assertEquals("Dev", created.get("group"));
        assertEquals(List.of(alice.id()), created.get("members"));
        Map<String, Object> heard = bob.await("group_created", o -> "Dev".equals(o.get("group")));
        assertEquals(alice.id(), heard.get("id"));
        assertEquals("alice", heard.get("name"));
        assertEquals(false, heard.get("protected"));
        assertEquals(false, heard.get("self"));
        assertEquals(true, bob.ok("{\"cmd\":\"join\",\"group\":\"dev\"}").get("joined"));
        Map<String, Object> member = alice.await("member_joined", o -> bob.id().equals(o.get("id")));
        assertEquals("Dev", member.get("group"));
        assertEquals("bob", member.get("name"));
        String groupId = (String) alice.ok("{\"cmd\":\"group\",\"group\":\"DEV\",\"text\":\"hi"
                + " devs\"}").get("messageId");
        Map<String, Object> g = bob.await("message", o -> groupId.equals(o.get("id")));
        assertEquals("group", g.get("kind"));
        assertEquals("Dev", g.get("group"));
        assertEquals("hi devs", g.get("text"));
        assertEquals("Dev", bob.ok("{\"cmd\":\"leave\",\"group\":\"Dev\"}").get("group"));
        alice.await("member_left", o -> bob.id().equals(o.get("id")));

        assertStructuredViews(alice, bob);
        alice.objects(); // every line alice printed is a JSON object with a type and a time
        bob.objects();
        assertEquals(List.of(), alice.process.stderr());
    }

    @Test
    void topicsPublishSubscribeAndSendBetweenTwoProcesses() {
        JsonClient alice = cli.json("alice");
        JsonClient bob = jsonLinkedTo("bob", alice);
        alice.await("node_joined", o -> bob.id().equals(o.get("id")));
        bob.await("node_joined", o -> alice.id().equals(o.get("id")));
        assertEquals(false, bob.ok("{\"cmd\":\"subscribe\",\"topic\":\"sensors/t\"}")
                .get("already"));
        Map<String, Object> published = alice.ok("{\"cmd\":\"publish\",\"topic\":"
                + "\"sensors/t\",\"text\":\"21.5\\n\"}");
        String id = (String) published.get("messageId");
        Map<String, Object> d = bob.await("delivery", o -> id.equals(o.get("id")));
        assertEquals("sensors/t", d.get("topic"));
        assertEquals("21.5\n", d.get("text"));
        assertEquals(alice.id(), d.get("from"));
        assertEquals("alice", d.get("fromName"));
        assertEquals(false, d.get("direct"));
        String bytes = (String) alice.ok("{\"cmd\":\"publish\",\"topic\":\"sensors/t\","
                + "\"data\":\"AP8=\"}").get("messageId");
        Map<String, Object> b = bob.await("delivery", o -> bytes.equals(o.get("id")));
        assertEquals("AP8=", b.get("data"));
        assertFalse(b.containsKey("text"), b::toString);

        Map<String, Object> sent = alice.ok("{\"cmd\":\"send\",\"to\":\"bob\",\"topic\":"
                + "\"sensors/t\",\"text\":\"just you\"}");
        assertEquals(bob.id(), sent.get("to"));
        String direct = (String) sent.get("messageId");
        assertEquals(true, bob.await("delivery", o -> direct.equals(o.get("id")))
                .get("direct"));
        Map<String, Object> refused = alice.call("{\"cmd\":\"send\",\"to\":\"bob\","
                + "\"topic\":\"nobody/here\",\"text\":\"x\"}");
        assertEquals("no_handler", refused.get("code"), refused::toString);
        assertEquals("ok", bob.call("{\"cmd\":\"unsubscribe\",\"topic\":\"sensors/t\"}")
                .get("type"));
        alice.objects();
        bob.objects();
    }

    @SuppressWarnings("unchecked")
    private static void assertStructuredViews(JsonClient alice, JsonClient bob) {
        List<Map<String, Object>> peers = (List<Map<String, Object>>) alice.ok(
                "{\"cmd\":\"peers\"}").get("peers");
        assertEquals(1, peers.size(), peers::toString);
        assertEquals(bob.id(), peers.get(0).get("id"));
        assertEquals("bob", peers.get(0).get("name"));
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) alice.ok(
                "{\"cmd\":\"nodes\"}").get("nodes");
        assertEquals(List.of(bob.id()), nodes.stream().map(n -> n.get("id")).toList());
        List<Map<String, Object>> groups = (List<Map<String, Object>>) bob.ok(
                "{\"cmd\":\"groups\"}").get("groups");
        assertEquals(1, groups.size(), groups::toString);
        assertEquals("Dev", groups.get(0).get("group"));
        assertEquals(false, groups.get(0).get("joined"));
        Map<String, Object> status = alice.ok("{\"cmd\":\"status\"}");
        assertEquals(alice.id(), status.get("nodeId"));
        assertEquals((long) alice.port(), status.get("port"));
        assertEquals(1L, status.get("peers"));
        assertEquals(List.of("Dev"), status.get("groups"));
        Map<String, Object> counters = (Map<String, Object>) status.get("counters");
        assertTrue(counters.get("messagesSent") instanceof Long, status::toString);
        assertTrue(counters.get("signaturesVerified") instanceof Long, status::toString);
        assertTrue(counters.get("signaturesSkipped") instanceof Long, status::toString);
        // The CLI brings JNA, and CI installs libsodium: the native implementation must load.
        String provider = (String) status.get("signatureProvider");
        assertTrue(LINUX_X86 ? provider.startsWith("libsodium ")
                : provider.startsWith("libsodium ") || provider.equals("BouncyCastle"),
                status::toString);
    }

    private static final boolean LINUX_X86 =
            System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("linux")
                    && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));

    @Test
    void aTextNodeAndAJsonNodeTalk() {
        CliProcess carol = cli.start("carol");
        JsonClient dave = cli.json("dave", "--connect", "127.0.0.1:" + carol.port());
        carol.awaitLine("* connected to dave");
        dave.await("peer_connected", o -> "carol".equals(o.get("name")));

        carol.send("hello from the terminal");
        Map<String, Object> m = dave.await("message", o -> true);
        assertEquals("broadcast", m.get("kind"));
        assertEquals(carol.id(), m.get("from"));
        assertEquals("hello from the terminal", m.get("text"));

        dave.ok("{\"cmd\":\"msg\",\"to\":\"carol\",\"text\":\"hi carol\"}");
        carol.awaitLine("[private] <dave> hi carol");
        dave.ok("{\"cmd\":\"broadcast\",\"text\":\"two\\nlines\"}");
        carol.awaitLine("<dave> two\\u000alines"); // one message; the terminal escapes the break

        carol.send("/msg dave back to you");
        Map<String, Object> p = dave.await("message", o -> "private".equals(o.get("kind")));
        assertEquals("back to you", p.get("text"));
        assertEquals("carol", p.get("fromName"));
        dave.objects();
    }

    @Test
    void eachBadLineGetsOneErrorObjectAndTheNextCommandStillWorks() {
        JsonClient erin = cli.json("erin");
        int from = erin.mark();
        String tooLong = "{\"cmd\":\"broadcast\",\"text\":\"" + "x".repeat(
                JsonCommands.MAX_LINE_BYTES) + "\"}";
        List<String> bad = List.of(
                "this is not json",
                "[\"cmd\",\"status\"]",
                "{\"cmd\":\"status\"",
                "{\"cmd\":\"dance\",\"id\":1}",
                "{\"cmd\":\"msg\",\"text\":\"where to?\",\"id\":2}",
                "{\"cmd\":\"msg\",\"to\":42,\"text\":\"hi\",\"id\":\"three\"}",
                "{\"cmd\":\"msg\",\"to\":\"nobody\",\"text\":\"hi\",\"id\":4}",
                "{\"cmd\":\"msg\",\"to\":\"erin\",\"text\":\"me\",\"id\":5}",
                "{\"cmd\":\"create\",\"group\":\"no spaces\",\"id\":6}",
                "{\"cmd\":\"join\",\"group\":\"ghosts\",\"id\":7}",
                "{\"id\":8}",
                tooLong);
        bad.forEach(erin.process::send);
        erin.process.send("");  // blank: no command, no reply
        erin.process.send("{\"cmd\":\"status\",\"id\":99}");
        Map<String, Object> status = erin.await(from, "ok", o -> Long.valueOf(99).equals(o.get("id")));
        assertEquals(erin.id(), status.get("nodeId"));

        List<Map<String, Object>> replies = erin.objects().subList(from, erin.mark());
        replies = replies.stream().filter(o -> !o.get("type").toString().matches(
                "node_.*|peer_.*")).toList();
        assertEquals(bad.size() + 1, replies.size(), replies::toString);
        List<String> codes = replies.subList(0, bad.size()).stream()
                .map(o -> (String) o.get("code")).toList();
        assertEquals(List.of("invalid_json", "invalid_json", "invalid_json", "unknown_command",
                "invalid_field", "invalid_field", "unknown_user", "self", "invalid_field",
                "unknown_group", "invalid_field", "line_too_long"), codes, replies::toString);
        for (Map<String, Object> r : replies.subList(0, bad.size())) {
            assertEquals("error", r.get("type"), r::toString);
            String error = (String) r.get("error");
            assertFalse(error.isBlank() || error.contains("\n"), r::toString);
        }
        assertEquals(1L, replies.get(3).get("id"));
        assertEquals("dance", replies.get(3).get("cmd"));
        assertEquals("three", replies.get(5).get("id"));
        assertTrue(((String) replies.get(5).get("error")).contains("'to'"), replies::toString);
        assertTrue(((String) replies.get(4).get("error")).contains("missing field 'to'"));
        assertTrue(((String) replies.get(6).get("error")).contains("nobody"));
        assertTrue(((String) replies.get(11).get("error")).contains(
                String.valueOf(JsonCommands.MAX_LINE_BYTES)), replies::toString);
        assertTrue(erin.process.process.isAlive());
    }

    @Test
    void textAndNamesWithControlCharactersAndQuotesRoundTripExactly() {
        String name = "q\"uo\\te'\u00e9";
        JsonClient frank = cli.add(JsonClient.of(CliProcess.startUtf8("frank", cli.home("frank"),
                "--json", "--username", name, "--port", "0")));
        JsonClient gina = jsonLinkedTo("gina", frank);
        assertEquals(name, frank.ready().get("username"));
        String text = "tab\there \"quoted\" back\\slash\nnew line\r\u001b[2J\u0000nul"
                + " \u007f \u202eevil\u202c \u200b zero-width \ud83d\ude00 \u00e9t\u00e9 \u2028";
        frank.ok("{\"cmd\":\"broadcast\",\"text\":" + JsonClient.quote(text) + "}");
        Map<String, Object> m = gina.await("message", o -> true);
        assertEquals(text, m.get("text"));
        assertEquals(name, m.get("fromName"));
        Map<String, Object> p = gina.ok("{\"cmd\":\"msg\",\"to\":" + JsonClient.quote(name)
                + ",\"text\":" + JsonClient.quote(text) + "}");
        assertEquals(name, p.get("toName"));
        assertEquals(text, frank.await("message", o -> "private".equals(o.get("kind")))
                .get("text"));
        // Exact in JSON, yet harmless on a terminal: no raw control or bidi character.
        String raw = gina.process.raw() + frank.process.raw();
        assertTrue(raw.codePoints().noneMatch(c -> c != '\n' && Sanitizer.isUnsafe(c)),
                "raw output holds an unescaped control or format character");
    }

    @Test
    void quitEndOfInputAndSigtermExitCleanlyWithAGoodbye() {
        JsonClient hub = cli.json("hub");
        JsonClient quitter = jsonLinkedTo("quitter", hub);
        JsonClient eof = jsonLinkedTo("eof", hub);
        JsonClient termed = jsonLinkedTo("termed", hub);

        int from = quitter.mark();
        quitter.process.send("{\"cmd\":\"quit\",\"id\":7}");
        assertEquals(0, quitter.process.awaitExit(EXIT), quitter.process::transcript);
        Map<String, Object> bye = quitter.await(from, "ok", o -> "quit".equals(o.get("cmd")));
        assertEquals(7L, bye.get("id"));
        // Events may come before the reply (hub's other nodes joining), never after it.
        List<Map<String, Object>> all = quitter.objects();
        assertEquals(bye, all.get(all.size() - 1), "nothing after the quit reply");
        assertGoodbye(hub, quitter);

        eof.process.closeStdin();
        assertEquals(0, eof.process.awaitExit(EXIT), eof.process::transcript);
        assertGoodbye(hub, eof);

        termed.process.process.destroy(); // SIGTERM
        termed.process.awaitExit(EXIT);
        assertGoodbye(hub, termed);
        hub.objects();
    }

    @Test
    void startupFailuresKeepTheErrorLineAndExitCode() {
        JsonClient owner = cli.json("owner");
        CliProcess taken = cli.add(CliProcess.start("taken", cli.home("taken"), "--json",
                "--port", String.valueOf(owner.port())));
        assertEquals(GhostTerminal.EXIT_START_FAILED, taken.awaitExit(EXIT), taken::transcript);
        assertEquals(List.of("error: port " + owner.port() + " is already in use; use --port to"
                + " choose another"), taken.stderr());
        assertEquals(List.of(), taken.stdout());

        CliProcess usage = cli.add(CliProcess.start("usage", cli.home("usage"), "--json",
                "--port", "70000"));
        assertEquals(CliOptions.EXIT_USAGE, usage.awaitExit(EXIT), usage::transcript);
        assertTrue(usage.stderr().get(0).startsWith("error: invalid port 70000"),
                usage::transcript);
        assertEquals(List.of(), usage.stdout());
    }

    /** --json on a terminal is still JSON: no line editor, prompt or escape sequences. */
    @Test
    void onATerminalItIsStillJson() {
        Path script = PtyCli.script();
        assumeTrue(script != null, "util-linux script(1) is not installed: cannot make a pty,"
                + " so the JSON-on-a-terminal test is skipped");
        CliProcess tty = cli.pty(script, "tty", Map.of(), "--json");
        // Lines starting {"cmd" are the tty's echo of what we type; every other is output.
        Map<String, Object> ready = JsonClient.parse(tty.awaitLine(0,
                l -> l.startsWith("{\"type\":\"ready\""), "ready"));
        assertEquals("tty", ready.get("username"));
        tty.sendRaw("{\"cmd\":\"status\",\"id\":1}\r"); // Enter, in the tty's cooked mode
        Map<String, Object> status = JsonClient.parse(tty.awaitLine(0,
                l -> l.startsWith("{\"type\":\"ok\""), "the status reply"));
        assertEquals(1L, status.get("id"));
        assertEquals("tty", status.get("username"));
        tty.sendRaw("{\"cmd\":\"quit\"}\r");
        assertEquals(0, tty.awaitExit(EXIT), tty::transcript);
        assertFalse(tty.raw().contains("\u001b"), "an escape sequence:\n" + tty.raw());
        for (String line : tty.stdout()) {
            if (!line.startsWith("{\"cmd\"")) {
                JsonClient.parse(line);
            }
        }
    }

    private static void assertGoodbye(JsonClient hub, JsonClient gone) {
        String id = gone.id();
        Map<String, Object> left = hub.await("node_left", o -> id.equals(o.get("id")));
        assertEquals("said goodbye", left.get("reason"), left::toString);
        assertEquals(gone.ready().get("username"), left.get("name"));
    }
}
