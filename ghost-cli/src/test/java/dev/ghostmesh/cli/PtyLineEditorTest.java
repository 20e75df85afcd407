package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CLI on a real pseudo-terminal (util-linux script(1) provides one), where it must use
 * JLine in raw mode: a cooked tty would keep only 4,095 bytes of a line and drop the rest.
 */
class PtyLineEditorTest {
    private static final int LENGTH = 5000;

    @RegisterExtension
    final CliProcesses cli = new CliProcesses();

    @Test
    void aFiveThousandCharacterLineTypedOnATerminalArrivesWhole() {
        Path script = PtyCli.script();
        assumeTrue(script != null, "util-linux script(1) is not installed: cannot make a pty,"
                + " so the raw-mode line editor test is skipped");
        CliProcess receiver = cli.start("receiver");
        CliProcess typist = startTypist(script, receiver);
        int afterBanner = typist.awaitRaw(0, "Type /help for commands");
        // JLine switches the tty to raw mode before it draws the prompt; typing earlier would
        // meet the cooked line discipline this test is about.
        typist.awaitRaw(afterBanner, "> ");
        receiver.awaitLine("* connected to typist");

        // A line arriving while the user types is printed above the prompt; the half-typed
        // line is redrawn, not broken.
        typist.sendRaw("half typed, ");
        int typed = typist.awaitRaw(afterBanner, "half typed, ");
        receiver.send("interrupting");
        typist.awaitRaw(typed, "<receiver> interrupting");
        typist.sendRaw("then finished\r");
        receiver.awaitLine("<typist> half typed, then finished");
        // Between two lines JLine restores the cooked mode; wait for the next prompt, or the
        // long line could meet the cooked line discipline after all.
        int echoed = typist.awaitRaw(typed, "<typist> half typed, then finished");
        typist.awaitRaw(echoed, "> ");

        StringBuilder text = new StringBuilder(LENGTH);
        for (int i = 0; text.length() < LENGTH; i++) {
            text.append((char) ('a' + i % 26));
        }
        text.setLength(LENGTH - 3);
        text.append("END");
        typist.sendRaw(text + "\r");

        String got = receiver.awaitLine(0, l -> l.startsWith("<typist> ") && l.endsWith("END"),
                "the long broadcast");
        assertEquals(LENGTH, got.length() - "<typist> ".length(), "characters received");
        assertEquals("<typist> " + text, got);

        typist.sendRaw("/quit\r");
        assertEquals(0, typist.awaitExit(Duration.ofSeconds(5)), typist::transcript);
    }

    /**
     * A group password typed on the terminal is drawn as stars, and its line never enters the
     * history: Up-arrow twice after {@code /create dev <password>} recalls the line before it
     * (were the /create line kept, it would come back, password and all, and run again).
     */
    @Test
    void aGroupPasswordIsDrawnMaskedAndUpArrowNeverBringsItBack() {
        Path script = PtyCli.script();
        assumeTrue(script != null, "util-linux script(1) is not installed: cannot make a pty,"
                + " so the terminal password test is skipped");
        CliProcess receiver = cli.start("receiver");
        CliProcess typist = startTypist(script, receiver);
        int at = typist.awaitRaw(0, "Type /help for commands");
        at = typist.awaitRaw(at, "> ");
        receiver.awaitLine("* connected to typist");

        typist.sendRaw("first line\r");
        receiver.awaitLine("<typist> first line");
        at = typist.awaitRaw(at, "<typist> first line");
        at = typist.awaitRaw(at, "> "); // raw mode again: typing now is drawn by JLine alone
        typist.sendRaw("/create dev s3cret-Pw\r");
        at = typist.awaitRaw(at, "* created group #dev (protected)");
        receiver.awaitLine("* typist created #dev (protected)");
        at = typist.awaitRaw(at, "> ");

        int mark = receiver.mark();
        // Up-arrow as an xterm sends it in the keypad mode JLine switches on.
        typist.sendRaw("\u001bOA\u001bOA\r");
        receiver.awaitLine(mark, "<typist> first line");
        at = typist.awaitRaw(at, "<typist> first line");
        typist.awaitRaw(at, "> ");
        typist.sendRaw("/mygroups\r");
        typist.awaitRaw(at, "* #dev (protected)  1 member: typist");

        String screen = typist.raw();
        assertTrue(screen.contains("/create dev *********"), screen);
        assertFalse(screen.contains("s3cret-Pw"), "the password was drawn:\n" + screen);
        assertFalse(screen.contains("already"), "the /create line came back and ran again");
        typist.sendRaw("/quit\r");
        assertEquals(0, typist.awaitExit(Duration.ofSeconds(5)), typist::transcript);
    }

    /** The CLI under script(1), without colours, connected to {@code receiver}. */
    private CliProcess startTypist(Path script, CliProcess receiver) {
        return cli.pty(script, "typist", Map.of("NO_COLOR", "1"), "--connect",
                "127.0.0.1:" + receiver.port());
    }
}
