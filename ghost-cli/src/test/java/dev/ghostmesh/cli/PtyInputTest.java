package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The keyboard on a real pseudo-terminal: Ctrl-C, commands in any case, names completed
 * anywhere, long pastes without bracketed paste, and a line typed with no peer.
 */
class PtyInputTest {
    /** Generous: a correctness guard against minutes of redraws, not a benchmark. */
    private static final Duration PASTE_DEADLINE = Duration.ofSeconds(10);

    @RegisterExtension
    final CliProcesses cli = new CliProcesses();

    private Path script;

    @BeforeEach
    void needScript() {
        script = PtyCli.script();
        assumeTrue(script != null, "util-linux script(1) is not installed: cannot make a pty");
    }

    @Test
    void ctrlCClearsAHalfTypedLineAndQuitsOnAnEmptyOne() {
        CliProcess receiver = receiver();
        CliProcess typist = typist("--connect", "127.0.0.1:" + receiver.port());
        int at = ready(typist, true);
        typist.sendRaw("half-typed draft");
        at = typist.awaitRaw(at, "half-typed draft");
        typist.sendRaw("\u0003");
        at = typist.awaitRaw(at, "> ");
        typist.sendRaw("the real line\r");
        receiver.awaitLine("<typist> the real line");
        assertTrue(receiver.lines(0, l -> l.contains("draft")).isEmpty(),
                receiver::transcript);
        at = typist.awaitRaw(at, "<typist> the real line");
        // At the next prompt (between two lines the tty is not in raw mode).
        typist.awaitRaw(at, "> ");
        typist.sendRaw("\u0003");
        assertEquals(0, typist.awaitExit(Duration.ofSeconds(10)), typist::transcript);
        receiver.awaitLine("* typist left the mesh (said goodbye)");
    }

    @Test
    void commandsIgnoreCaseAndNamesAndGroupsCompleteIgnoringCase() {
        CliProcess receiver = receiver();
        receiver.run("/create Dev");
        CliProcess typist = typist("--connect", "127.0.0.1:" + receiver.port());
        int at = ready(typist, true);
        // The group existed before the link: the catch-up sums it up, no "created" line.
        at = typist.awaitRaw(at, "* 2 nodes, 1 group in the mesh");
        typist.sendRaw("/MSG receiver quietly\r");
        receiver.awaitLine("[private] <typist> quietly");
        // irssi-style: a name completes anywhere in a line, whatever its case.
        typist.sendRaw("hello REC\t");
        at = typist.awaitRaw(at, "eiver");
        typist.sendRaw("\r");
        receiver.awaitLine("<typist> hello receiver");
        // "/join DE" alone would be an unknown group: the completion made it #Dev.
        typist.sendRaw("/Join DE\t\r");
        typist.awaitRaw(at, "* joined #Dev");
        receiver.awaitLine("* typist joined #Dev");
        typist.sendRaw("/Quit\r");
        assertEquals(0, typist.awaitExit(Duration.ofSeconds(10)), typist::transcript);
    }

    @Test
    void aLongPasteIsRefusedOrSentWithinSeconds() {
        CliProcess receiver = receiver();
        CliProcess typist = typist("--connect", "127.0.0.1:" + receiver.port());
        int at = ready(typist, true);

        long t0 = System.nanoTime();
        typist.sendRaw(text(70 * 1024, "END70") + "\r");
        at = typist.awaitRaw(at, "error: message is 71680 bytes of UTF-8; the limit is 16384");
        assertWithin(t0, "the 70 KB paste's error", typist);
        at = typist.awaitRaw(at, "> ");

        String sixteen = text(16_000, "END16");
        t0 = System.nanoTime();
        typist.sendRaw(sixteen + "\r");
        receiver.awaitLine(0, l -> l.endsWith("END16"), "the 16 KB paste", PASTE_DEADLINE);
        assertWithin(t0, "the 16 KB paste", typist);
        assertEquals(1, receiver.lines(0, l -> l.equals("<typist> " + sixteen)).size());
        typist.sendRaw("/quit\r");
        assertEquals(0, typist.awaitExit(Duration.ofSeconds(10)), typist::transcript);
    }

    @Test
    void aLineTypedWithNoPeerSaysNobodyGotIt() {
        CliProcess typist = typist();
        int at = ready(typist, false);
        typist.sendRaw("anyone there?\r");
        at = typist.awaitRaw(at, "* no peers: not delivered to anyone yet; queued until a peer"
                + " links (1 line waiting)");
        typist.sendRaw("/quit\r");
        typist.awaitRaw(at, "error: not sent (no peer, and none can link (--no-discovery"
                + " without --connect)): anyone there?");
        assertEquals(0, typist.awaitExit(Duration.ofSeconds(10)), typist::transcript);
    }

    private CliProcess receiver() {
        return cli.start("receiver");
    }

    private CliProcess typist(String... extra) {
        return cli.pty(script, "typist", Map.of("NO_COLOR", "1"), extra);
    }

    /** Waits for the raw-mode prompt (and the link, if any); returns the position after it. */
    private static int ready(CliProcess typist, boolean linked) {
        int at = typist.awaitRaw(0, "Type /help for commands");
        at = typist.awaitRaw(at, "> ");
        if (linked) {
            typist.awaitRaw(0, "connected to receiver");
        }
        return at;
    }

    /** {@code length} printable ASCII characters ending in {@code end}, as one line. */
    private static String text(int length, String end) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; b.length() < length - end.length(); i++) {
            b.append((char) ('a' + i % 26));
        }
        return b.append(end).toString();
    }

    private static void assertWithin(long startNanos, String what, CliProcess typist) {
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        assertTrue(ms < PASTE_DEADLINE.toMillis(), what + " took " + ms + " ms");
    }
}
