package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.MeshNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Commands against a lone, transport-less node: formats and one-line errors, no processes. */
class CommandHandlerTest {
    private final List<String> lines = new ArrayList<>();
    private MeshNode node;
    private CommandHandler commands;

    @BeforeEach
    void startNode() {
        node = MeshNode.builder().username("alice").build();
        node.start();
        commands = new CommandHandler(node, new ChatView(node, new ListConsole(lines)));
    }

    @AfterEach
    void closeNode() {
        node.close();
    }

    private List<String> run(String input) {
        synchronized (lines) {
            lines.clear();
            assertTrue(commands.handle(input), "asked to quit");
            return List.copyOf(lines);
        }
    }

    @Test
    void plainTextIsABroadcastEchoedWithOurName() {
        assertEquals(List.of("<alice> hello there"), run("hello there"));
        assertEquals(List.of("<alice> via command"), run("/broadcast   via command"));
    }

    @Test
    void doubleSlashSendsALeadingSlash() {
        assertEquals(List.of("<alice> /shrug"), run("//shrug"));
    }

    @Test
    void ownControlCharactersAreEchoedEscaped() {
        assertEquals(List.of("<alice> a\\u001b[31mb"), run("a\u001b[31mb"));
    }

    @Test
    void blankLinesDoNothing() {
        assertEquals(List.of(), run("   "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/nope             | error: unknown command /nope (type /help)",
        "/broadcast        | error: usage: /broadcast <message>",
        "/msg              | error: usage: /msg <user> <message>",
        "/msg bob          | error: usage: /msg <user> <message>",
        "/msg bob hi       | error: unknown user 'bob' (see /nodes or /peers)",
        "/msg alice hi     | error: cannot send a private message to yourself",
        "/connect          | error: usage: /connect <host> [port]  or  /connect <host>:<port>",
        "/connect a b c    | error: usage: /connect <host> [port]  or  /connect <host>:<port>",
        "/connect h 0      | error: invalid port '0': must be 1-65535",
        "/connect h:x      | error: invalid port 'x': must be 1-65535",
        "/create           | error: usage: /create <name> [password]",
        "/create no! pw    | error: invalid group name 'no!': use only letters, digits, - and _",
        "/join             | error: usage: /join <name> [password]",
        "/leave            | error: usage: /leave <name>",
        "/group            | error: usage: /group <name> <message>",
        "/group dev        | error: usage: /group <name> <message>",
        "/create no!       | error: invalid group name 'no!': use only letters, digits, - and _",
        "/join nope        | error: unknown group 'nope' (see /groups)",
        "/join nope pw     | error: unknown group 'nope' (see /groups)",
        "/leave nope       | error: unknown group 'nope' (see /groups)",
        "/group nope hi    | error: unknown group 'nope' (see /groups)",
        "/whois            | error: usage: /whois <user>",
        "/whois bob        | error: unknown user 'bob' (see /nodes or /peers)",
        "/disconnect       | error: usage: /disconnect <user>  or  /disconnect <host>:<port>"
                + "  or  /disconnect <host> <port>",
        "/disconnect a b c | error: usage: /disconnect <user>  or  /disconnect <host>:<port>"
                + "  or  /disconnect <host> <port>",
        "/disconnect bob   | error: unknown user 'bob' (see /nodes or /peers)",
        "/disconnect alice | error: cannot disconnect from yourself",
        "/disconnect h 0   | error: invalid port '0': must be 1-65535",
        "/disconnect h:x   | error: invalid port 'x': must be 1-65535",
        "/disconnect h:5   | error: not connected to h:5 (see /peers)",
        "/disconnect h 5   | error: not connected to h:5 (see /peers)",
        "/publish          | error: usage: /publish <topic> <text>",
        "/publish t        | error: usage: /publish <topic> <text>",
        "/publish a//b x   | error: topic name has an empty segment (a leading, trailing or"
                + " double /)",
        "/subscribe        | error: usage: /subscribe <topic>",
        "/subscribe a b    | error: usage: /subscribe <topic>",
        "/unsubscribe t    | error: not subscribed to topic t (/subscribe t first)",
        "/send bob t       | error: usage: /send <user> <topic> <text>",
        "/send bob t hi    | error: unknown user 'bob' (see /nodes or /peers)",
        "/send alice t hi  | error: cannot send to yourself",
    })
    void mistakesAreOneErrorLine(String input, String expected) {
        assertEquals(List.of(expected), run(input));
    }

    @Test
    void groupLifecycleOnALoneNode() {
        assertEquals(List.of("* no groups yet (/create <name> makes one)"), run("/groups"));
        assertEquals(List.of("* created group #Dev"), run("/create Dev"));
        assertEquals(List.of("error: you are already in #dev"), run("/create dev"));
        assertEquals(List.of("error: you are already in #DEV"), run("/join DEV"));
        assertEquals(List.of("[#Dev] <alice> hi \\u001b all"), run("/group dev hi \u001b all"));
        assertEquals(List.of("* #Dev  1 member  (joined)"), run("/groups"));
        assertEquals(List.of("* #Dev  1 member: alice"), run("/mygroups"));
        assertEquals(List.of("* left #Dev"), run("/leave dEV"));
        assertEquals(List.of("error: you are not in #dev (/join dev first)"),
                run("/group dev hi"));
        assertEquals(List.of("error: you are not in #dev"), run("/leave dev"));
        assertEquals(List.of("* #Dev  0 members"), run("/groups"));
        assertEquals(List.of("* you are in no groups (/join <name> or /create <name>)"),
                run("/mygroups"));
        assertEquals(List.of("* joined #Dev"), run("/join dev"));
    }

    @Test
    void tooLongGroupMessageIsOneErrorLine() {
        run("/create big");
        List<String> out = run("/group big " + "x".repeat(20_000));
        assertEquals(1, out.size(), out::toString);
        assertTrue(out.get(0).startsWith("error: ") && out.get(0).contains("limit"), out::toString);
    }

    @Test
    void publishEchoesAndSubscribeConfirms() {
        assertEquals(List.of("[topic sensors/t] <alice> 21.5"), run("/publish sensors/t 21.5"));
        assertEquals(List.of("* subscribed to topic sensors/t"), run("/subscribe sensors/t"));
        assertEquals(List.of("* already subscribed to topic sensors/t"),
                run("/subscribe sensors/t"));
        assertEquals(List.of("* unsubscribed from topic sensors/t"),
                run("/Unsubscribe sensors/t"));
    }

    @Test
    void nodesSaysWhenThereAreNone() {
        assertEquals(List.of("* no other nodes known (use /connect <host> [port])"),
                run("/nodes"));
    }

    @Test
    void whoisOfOurselvesShowsOurIdentity() {
        List<String> out = run("/whois ALICE");
        assertEquals("* whois alice#" + node.id().shortHex() + "  (you)", out.get(0));
        assertEquals("*   ID: " + node.id().hex(), out.get(1));
        assertEquals("*   codename: " + node.identity().codename(), out.get(2));
        assertEquals("*   groups: none", out.get(3));
        run("/create ops");
        run("/create Dev");
        assertEquals("*   groups: #Dev, #ops", run("/whois " + node.id().hex()).get(3));
    }

    @Test
    void tooLongMessageIsOneErrorLine() {
        List<String> out = run("x".repeat(20_000));
        assertEquals(1, out.size(), out::toString);
        assertTrue(out.get(0).startsWith("error: ") && out.get(0).contains("limit"), out::toString);
    }

    @Test
    void statusShowsIdentityAndCounters() {
        run("one");
        List<String> out = run("/status");
        assertTrue(out.contains("* ID: " + node.id().hex()), out::toString);
        assertTrue(out.contains("* username: alice  (codename " + node.identity().codename()
                + ")"), out::toString);
        assertTrue(out.contains("* messages: 1 sent, 0 received, 0 relayed"), out::toString);
        assertTrue(out.stream().anyMatch(l -> l.startsWith("* peers: 0  known nodes: 0  uptime: 0:00:")),
                out::toString);
    }

    @Test
    void peersSaysWhenThereAreNone() {
        assertEquals(List.of("* no peers connected (use /connect <host> [port])"),
                run("/peers"));
    }

    @Test
    void statusSaysWhetherDiscoveryRuns() {
        assertTrue(run("/status").contains("* LAN discovery: off (--no-discovery)"));
    }

    @Test
    void helpListsEveryCommandAndTheLineFormats() {
        String help = String.join("\n", run("/help"));
        CommandCompleter.COMMANDS.forEach(c -> assertTrue(help.contains(c), c));
        for (String format : List.of("<alice> hello", "[private] <alice>", "[private to bob]",
                "[#Dev] <alice>", "error: ", "name#abcd1234", "\\u001b", "Cyrillic b\u043eb")) {
            assertTrue(help.contains(format), format);
        }
    }

    @Test
    void readmeShowsTheHelpAsPrinted() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        for (String line : StatusView.helpLines()) {
            assertTrue(readme.contains("* " + line + "\n"), () -> "README.md lacks: * " + line);
        }
    }

    @Test
    void helpForOneCommandShowsItsUsageAndAnExample() {
        List<String> msg = run("/help msg");
        assertEquals("* usage: /msg <user> <message>", msg.get(0));
        assertTrue(msg.stream().anyMatch(l -> l.startsWith("*   example: /msg ")), msg::toString);
        assertEquals(msg, run("/help /MSG"));
        assertEquals(run("/help quit"), run("/help exit"));
        assertEquals(List.of("error: no command /nope (type /help for the list)"),
                run("/help /nope"));
    }

    @Test
    void everyCommandHasItsOwnHelp() {
        for (String c : CommandCompleter.COMMANDS) {
            List<String> about = run("/help " + c);
            assertTrue(about.get(0).startsWith("* usage: " + c), c + ": " + about);
            assertTrue(about.size() >= 2, c + ": " + about);
        }
    }

    @Test
    void clearAsksTheConsoleToClearAndPrintsNothing() {
        List<String> printed = new ArrayList<>();
        ListConsole console = new ListConsole(printed);
        CommandHandler handler = new CommandHandler(node, new ChatView(node, console));
        assertTrue(handler.handle("/clear"));
        assertEquals(1, console.clears());
        assertEquals(List.of(), printed);
    }

    @Test
    void quitAndExitEndTheSession() {
        assertFalse(commands.handle("/quit"));
        assertFalse(commands.handle("/exit"));
    }

    @Test
    void commandsIgnoreCase() {
        assertFalse(commands.handle("/Quit"));
        assertFalse(commands.handle("/EXIT"));
        assertEquals(List.of("<alice> loud"), run("/BROADCAST loud"));
        assertEquals(run("/help msg"), run("/HELP msg"));
        assertEquals(List.of("error: unknown user 'bob' (see /nodes or /peers)"),
                run("/MSG bob hi"));
        // An unknown command is named as typed.
        assertEquals(List.of("error: unknown command /NoPe (type /help)"), run("/NoPe"));
    }

    @Test
    void uptimeFormat() {
        assertEquals("0:00:05", StatusView.uptime(java.time.Duration.ofSeconds(5)));
        assertEquals("26:03:04", StatusView.uptime(java.time.Duration.ofSeconds(93784)));
    }
}
