package dev.ghostmesh.cli;

import java.io.IOException;
import java.util.Map;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

/**
 * JLine's line editor without its quadratic cost on a paste. JLine redraws the line after
 * every key it reads, and each redraw measures the whole buffer (display columns, wrapping,
 * the password mask): O(length) per character, so a paste into a terminal without bracketed
 * paste cost O(length²): 25 s of CPU for 16 KB, almost 7 minutes for 70 KB, all before the
 * line could even be refused as too long. This reader skips the redraw while more input is
 * already waiting: the paste is inserted at the speed of reading, and the line is drawn once
 * when the input pauses (the last key of a paste, or every key of normal typing, which never
 * has a next key waiting).
 *
 * <p>Threading: as {@link LineReaderImpl}: {@code readLine} on the input thread; the
 * redraw skipped here runs under JLine's lock on that same thread.
 */
final class PasteAwareLineReader extends LineReaderImpl {
    /**
     * How long to look for a next key before redrawing, in ms. A paste's bytes are already
     * in the tty's buffer, so any wait finds them; a person's next key is far slower than
     * this, so typing is redrawn at once.
     */
    private static final long PEEK_MILLIS = 1;

    PasteAwareLineReader(Terminal terminal, String appName, Map<String, Object> variables) {
        super(terminal, appName, variables);
    }

    @Override
    public boolean redisplay() {
        if (inputWaiting()) {
            return true; // the key that is waiting will redraw, or the one after it
        }
        return super.redisplay();
    }

    private boolean inputWaiting() {
        if (!isReading()) {
            return false;
        }
        try {
            NonBlockingReader in = getTerminal().reader();
            return in.peek(PEEK_MILLIS) >= 0;
        } catch (IOException | RuntimeException e) {
            return false; // when in doubt, draw
        }
    }
}
