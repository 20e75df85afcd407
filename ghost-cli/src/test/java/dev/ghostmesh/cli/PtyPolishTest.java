package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a person at a terminal gets beyond the line editor itself: colours (and none when
 * refused), {@code /clear}, history kept across runs without passwords, and tab completion,
 * all on a real pseudo-terminal against a real peer.
 */
class PtyPolishTest {
    /** An SGR (colour) sequence. */
    private static final String SGR = "\u001b\\[[0-9;]*m";

    @RegisterExtension
    final CliProcesses cli = new CliProcesses();

    private Path script;
    private CliProcess receiver;

    @BeforeEach
    void startReceiver() {
        script = PtyCli.script();
        assumeTrue(script != null, "util-linux script(1) is not installed: cannot make a pty");
        receiver = cli.start("receiver");
    }

    @Test
    void senderOwnSystemAndErrorLinesAreColouredOnATerminal() {
        CliProcess typist = typist(Map.of());
        int at = ready(typist);
        receiver.send("hello from afar");
        at = awaitRegex(typist, at, "<" + SGR + "receiver" + SGR + "> hello from afar");
        typist.sendRaw("my own words\r");
        receiver.awaitLine("<typist> my own words");
        // Our own name is bold (SGR 1), the sender's is a colour (3x or 9x).
        awaitRegex(typist, at, "<\u001b\\[1m" + "typist" + SGR + "> my own words");
        String screen = typist.raw();
        assertTrue(Pattern.compile("<\u001b\\[(3[234]|9[234])mreceiver").matcher(screen).find(),
                screen);
        typist.sendRaw("/nope\r");
        awaitRegex(typist, at, "\u001b\\[31merror: unknown command /nope");
        awaitRegex(typist, 0, "\u001b\\[90m\\* connected to receiver");
        quit(typist);
    }

    @Test
    void noColoursWhenNoColorIsSet() {
        assertPlain(typist(Map.of("NO_COLOR", "1")));
    }

    @Test
    void noColoursWithTheOption() {
        assertPlain(typist(Map.of(), "--no-color"));
    }

    private void assertPlain(CliProcess typist) {
        int at = ready(typist);
        receiver.send("hello from afar");
        at = typist.awaitRaw(at, "<receiver> hello from afar");
        typist.sendRaw("my own words\r");
        typist.awaitRaw(at, "<typist> my own words");
        typist.sendRaw("/nope\r");
        typist.awaitRaw(at, "error: unknown command /nope");
        String screen = typist.raw();
        for (String line : List.of("error: unknown", "\\* connected to", "<receiver>",
                "<typist>")) {
            assertFalse(Pattern.compile(SGR + line).matcher(screen).find(),
                    () -> "coloured: " + line + "\n" + screen);
        }
        quit(typist);
    }

    @Test
    void clearClearsTheScreenAndTheChatGoesOn() {
        CliProcess typist = typist(Map.of("NO_COLOR", "1"));
        int at = ready(typist);
        typist.sendRaw("/clear\r");
        // xterm's clear_screen: home the cursor, erase the display.
        at = typist.awaitRaw(at, "\u001b[H\u001b[2J");
        receiver.send("after the clear");
        typist.awaitRaw(at, "<receiver> after the clear");
        quit(typist);
    }

    @Test
    void historyOutlivesTheRunButNeverHoldsAPassword() throws Exception {
        CliProcess first = typist(Map.of("NO_COLOR", "1"));
        int at = ready(first);
        first.sendRaw("remember me\r");
        receiver.awaitLine("<typist> remember me");
        at = first.awaitRaw(at, "<typist> remember me");
        at = first.awaitRaw(at, "> ");
        first.sendRaw("/create vault hunter2-pw\r");
        first.awaitRaw(at, "* created group #vault (protected)");
        quit(first);

        Path history = cli.home("typist").resolve(JLineConsole.HISTORY_FILE);
        String saved = Files.readString(history);
        assertTrue(saved.contains("remember me"), saved);
        assertFalse(saved.contains("hunter2"), "the password reached the disk:\n" + saved);
        assertFalse(saved.contains("/create"), saved);
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(history)));

        int mark = receiver.mark();
        CliProcess second = typist(Map.of("NO_COLOR", "1"));
        ready(second);
        // Up-arrow (xterm keypad mode) twice, past the last run's /quit, and Enter: the line
        // typed in the last run is sent again.
        second.sendRaw("\u001bOA\u001bOA\r");
        receiver.awaitLine(mark, "<typist> remember me");
        quit(second);
    }

    @Test
    void tabCompletesCommandsAndNames() {
        CliProcess typist = typist(Map.of("NO_COLOR", "1"));
        int at = ready(typist);
        typist.sendRaw("/who\t");
        at = typist.awaitRaw(at, "/whois ");
        typist.sendRaw("rec\t");
        at = typist.awaitRaw(at, "eiver");
        typist.sendRaw("\r");
        // /whois of the completed name.
        at = typist.awaitRaw(at, "* whois receiver");
        typist.sendRaw("/help cl\t");
        at = typist.awaitRaw(at, "ear");
        typist.sendRaw("\r");
        typist.awaitRaw(at, "* usage: /clear");
        quit(typist);
    }

    private CliProcess typist(Map<String, String> env, String... extra) {
        List<String> args = new ArrayList<>(List.of("--connect", "127.0.0.1:" + receiver.port()));
        args.addAll(List.of(extra));
        return cli.pty(script, "typist", env, args.toArray(String[]::new));
    }

    /** Waits for the prompt in raw mode and the link to the receiver; returns the position. */
    private int ready(CliProcess typist) {
        int at = typist.awaitRaw(0, "Type /help for commands");
        at = typist.awaitRaw(at, "> ");
        typist.awaitRaw(0, "connected to receiver");
        return at;
    }

    private static int awaitRegex(CliProcess p, int from, String regex) {
        return p.awaitRawMatch(from, regex);
    }

    private static void quit(CliProcess typist) {
        typist.sendRaw("/quit\r");
        assertEquals(0, typist.awaitExit(Duration.ofSeconds(5)), typist::transcript);
    }
}
