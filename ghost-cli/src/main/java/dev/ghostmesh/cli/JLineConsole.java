package dev.ghostmesh.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp;

/**
 * The console on a real terminal: JLine's line editor in raw mode. Raw mode matters beyond
 * comfort: a cooked tty keeps at most 4,095 bytes of an unfinished line and silently drops the
 * rest of a long paste, while JLine reads every byte itself. Incoming lines are printed above
 * the prompt ({@link LineReader#printAbove}), so what the user is typing is redrawn, never
 * broken. The input history is kept across runs in {@code history} in the node's home (mode
 * 0600, at most {@value #HISTORY_SIZE} lines); group passwords are drawn masked and their
 * lines never enter it, in memory or on disk ({@link PasswordMask}).
 *
 * Ctrl-C clears a half-typed line and leaves only on an empty one; Ctrl-D leaves.
 *
 * <p>Threading: {@link #readLine} belongs to the input thread; {@link #println} may be called
 * from any thread at the same time (JLine serialises printAbove and redisplay under its lock).
 */
final class JLineConsole implements Console {
    private static final String PROMPT = "> ";
    /** Lines of history kept, in memory and in the file. */
    static final int HISTORY_SIZE = 1000;
    /** The history file's name in the home directory. */
    static final String HISTORY_FILE = "history";

    private final Terminal terminal;
    private final LineReader reader;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean reading;

    private JLineConsole(Terminal terminal, LineReader reader) {
        this.terminal = terminal;
        this.reader = reader;
    }

    /**
     * Opens the system terminal, or throws if there is no usable one (the caller then falls
     * back to {@link PlainConsole}).
     */
    static JLineConsole open(CommandCompleter completer, Path historyFile) throws IOException {
        TerminalBuilder builder = TerminalBuilder.builder().name("ghost-terminal").system(true)
                .systemOutput(TerminalBuilder.SystemOutput.SysOut)
                // A dumb terminal would lose raw mode, the whole point here: fail instead.
                .dumb(false)
                .nativeSignals(true);
        if (isAscii(Charset.defaultCharset())) {
            // A bare C locale says ASCII, yet real terminals speak UTF-8; names need it.
            builder.encoding(StandardCharsets.UTF_8);
        }
        Terminal terminal = builder.build();
        try {
            Size size = terminal.getSize();
            if (size.getColumns() <= 0 || size.getRows() <= 0) {
                // A pty nobody sized (e.g. under script(1)) reports 0x0; JLine needs a width.
                terminal.setSize(new Size(80, 24));
            }
            return on(terminal, completer, historyFile);
        } catch (RuntimeException e) {
            terminal.close();
            throw e;
        }
    }

    /** The console on an open {@code terminal} (tests pass one of their own). */
    static JLineConsole on(Terminal terminal, Completer completer) {
        return on(terminal, completer, null);
    }

    /**
     * The console on an open {@code terminal}, keeping its history in {@code historyFile}, or
     * in memory only when that is null.
     */
    static JLineConsole on(Terminal terminal, Completer completer, Path historyFile) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(LineReader.HISTORY_SIZE, HISTORY_SIZE);
        variables.put(LineReader.HISTORY_FILE_SIZE, HISTORY_SIZE);
        if (historyFile != null) {
            // Each accepted line is appended at once (JLine's incremental history), so a
            // crash loses nothing.
            variables.put(LineReader.HISTORY_FILE, historyFile);
        }
        // Built by hand rather than by LineReaderBuilder: the builder can only make JLine's
        // own reader, and a paste needs ours (PasteAwareLineReader).
        LineReaderImpl reader = new PasteAwareLineReader(terminal, "ghost-terminal", variables);
        reader.setHistory(new DefaultHistory());
        reader.setCompleter(completer);
        // "!" in chat text is punctuation, not a history reference.
        reader.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        reader.option(LineReader.Option.HISTORY_IGNORE_SPACE, false);
        reader.option(LineReader.Option.AUTO_FRESH_LINE, true);
        // "/join DE<Tab>" finds #dev and "hello BO<Tab>" finds bob: names and groups are
        // case-insensitive everywhere else too.
        reader.option(LineReader.Option.CASE_INSENSITIVE, true);
        return new JLineConsole(terminal, reader);
    }

    /**
     * {@code home}/history, created readable by its owner only: it holds private messages.
     * An existing file that others may read is tightened to 0600 as well.
     */
    static Path historyFile(Path home) throws IOException {
        Path file = home.resolve(HISTORY_FILE);
        var ownerOnly = PosixFilePermissions.fromString("rw-------");
        if (Files.notExists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
        } else if (Files.getPosixFilePermissions(file).stream().anyMatch(p ->
                p != PosixFilePermission.OWNER_READ && p != PosixFilePermission.OWNER_WRITE)) {
            Files.setPosixFilePermissions(file, ownerOnly);
        }
        return file;
    }

    /** The line editor, for tests that look at its history. */
    LineReader reader() {
        return reader;
    }

    /**
     * True if stdin and stdout are both a terminal. Java 17-21: {@code System.console()} is
     * non-null exactly then; Java 22+ returns a console even when redirected and answers with
     * {@code Console.isTerminal()} instead.
     */
    static boolean isInteractive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException olderJava) {
            return true;
        }
    }

    @Override
    public String readLine() {
        if (closed.get()) {
            return null;
        }
        reading = true;
        try {
            while (true) {
                try {
                    return reader.readLine(PROMPT, null, PasswordMask.INSTANCE, null);
                } catch (UserInterruptException e) {
                    // As in bash, irssi and weechat: Ctrl-C throws away a half-typed line and
                    // gives a fresh prompt; only on an empty line does it leave.
                    if (e.getPartialLine() == null || e.getPartialLine().isEmpty()) {
                        return null;
                    }
                }
            }
        } catch (EndOfFileException e) {
            return null; // Ctrl-D on an empty line: leave like /quit
        } finally {
            reading = false;
        }
    }

    @Override
    public void println(String line) {
        if (closed.get()) {
            return;
        }
        try {
            // Parsed into styled text so JLine measures the line without the colour codes and
            // drops the colours a terminal cannot show.
            reader.printAbove(AttributedString.fromAnsi(line));
        } catch (RuntimeException e) {
            // The terminal went away (closed during shutdown): nothing left to show it on.
        }
    }

    @Override
    public void clear() {
        if (closed.get()) {
            return;
        }
        try {
            terminal.puts(InfoCmp.Capability.clear_screen);
            terminal.flush();
        } catch (RuntimeException e) {
            // The terminal went away: nothing to clear.
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                if (reading) {
                    // Closed under a prompt (SIGTERM): end its line so the shell's is clean.
                    terminal.writer().print("\r\n");
                }
                terminal.writer().flush();
                terminal.close(); // restores the attributes raw mode changed
            } catch (IOException | RuntimeException e) {
                // Shutting down anyway.
            }
        }
    }

    private static boolean isAscii(Charset charset) {
        return charset.equals(StandardCharsets.US_ASCII);
    }
}
