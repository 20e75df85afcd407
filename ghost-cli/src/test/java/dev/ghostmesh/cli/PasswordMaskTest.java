package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group passwords typed on a terminal: masked on screen, never in the input history, whether
 * that history lives in memory (as configured) or, should it ever be configured so, in a file.
 */
class PasswordMaskTest {
    @TempDir
    Path tmp;

    @Test
    void thePasswordIsMaskedCharacterForCharacterAndNothingElse() {
        assertEquals("/create dev ******", PasswordMask.mask("/create dev s3cret"));
        assertEquals("  /join  Dev  *********", PasswordMask.mask("  /join  Dev  two words"));
        assertEquals("/join dev *", PasswordMask.mask("/join dev s"), "masked while typed");
        // Commands ignore case, so the mask does too (it is made from the command table).
        assertEquals("/JOIN Dev **", PasswordMask.mask("/JOIN Dev pw"));
        assertTrue(PasswordMask.carriesPassword("/Create x pw"));
        for (String untouched : new String[] {"/join dev", "/join dev ", "/create",
                "/group dev secret text", "hello /join dev x", "/joined dev x", "/msg bob pw"}) {
            assertEquals(untouched, PasswordMask.mask(untouched));
            assertFalse(PasswordMask.carriesPassword(untouched), untouched);
        }
        assertEquals("hi\n/join dev ***\r\n/create ops ****\nbye",
                PasswordMask.mask("hi\n/join dev pw1\r\n/create ops pw 2\nbye"),
                "every line of a paste on its own");
    }

    @Test
    void linesWithAPasswordStayOutOfTheHistory() {
        assertNull(PasswordMask.INSTANCE.history("/join dev s3cret"));
        assertNull(PasswordMask.INSTANCE.history("hello\n/create dev s3cret"));
        assertEquals("/join dev", PasswordMask.INSTANCE.history("/join dev"));
        assertEquals("hello", PasswordMask.INSTANCE.history("hello"));
    }

    @Test
    void theConsoleKeepsPasswordLinesOutOfItsHistoryAndItsHistoryFile() throws Exception {
        String typed = "/create dev s3cret-Pw\nhello\n/join ops other pass\n/join dev\n";
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), screen,
                StandardCharsets.UTF_8);
        terminal.setSize(new Size(80, 24)); // unsized, the editor would draw nothing at all
        JLineConsole console = JLineConsole.on(terminal, (reader, line, candidates) -> { });
        Path file = tmp.resolve("history");
        console.reader().setVariable(LineReader.HISTORY_FILE, file);
        List<String> read = new ArrayList<>();
        for (String line; (line = console.readLine()) != null; ) {
            read.add(line);
        }
        assertEquals(List.of("/create dev s3cret-Pw", "hello", "/join ops other pass",
                "/join dev"), read, "the commands themselves arrive whole");
        History history = console.reader().getHistory();
        List<String> kept = new ArrayList<>();
        history.forEach(e -> kept.add(e.line()));
        assertEquals(List.of("hello", "/join dev"), kept);
        history.save();
        String saved = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(saved.contains("hello"), saved);
        assertFalse(saved.contains("s3cret-Pw") || saved.contains("other pass"), saved);
        console.close();
        String drawn = screen.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("/create dev *********"), drawn);
        assertTrue(drawn.contains("/join ops **********"), drawn);
        assertFalse(drawn.contains("s3cret-Pw") || drawn.contains("other pass"), drawn);
    }
}
