package dev.ghostmesh.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The console on a real terminal: JLine's line editor in raw mode. Raw mode matters beyond
 * comfort: a cooked tty keeps at most 4,095 bytes of an unfinished line and silently drops the
 * rest of a long paste, while JLine reads every byte itself. Incoming lines are printed above
 * the prompt ({@link LineReader#printAbove}), so what the user is typing is redrawn, never
 * broken. History is kept in memory for this run (no history file); group passwords are drawn
 * masked and their lines never enter it ({@link PasswordMask}).
 *
 * <p>Threading: {@link #readLine} belongs to the input thread; {@link #println} may be called
 * from any thread at the same time (JLine serialises printAbove and redisplay under its lock).
 */
final class JLineConsole implements Console {
    private static final String PROMPT = "> ";

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
    static JLineConsole open(CommandCompleter completer) throws IOException {
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
            return on(terminal, completer);
        } catch (RuntimeException e) {
            terminal.close();
            throw e;
        }
    }

    /** The console on an open {@code terminal} (tests pass one of their own). */
    static JLineConsole on(Terminal terminal, Completer completer) {
        LineReader reader = LineReaderBuilder.builder().terminal(terminal)
                .appName("ghost-terminal")
                .history(new DefaultHistory())
                .completer(completer)
                .variable(LineReader.HISTORY_SIZE, 1000)
                // "!" in chat text is punctuation, not a history reference.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, false)
                .option(LineReader.Option.AUTO_FRESH_LINE, true)
                .build();
        return new JLineConsole(terminal, reader);
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
            return reader.readLine(PROMPT, null, PasswordMask.INSTANCE, null);
        } catch (UserInterruptException | EndOfFileException e) {
            return null; // Ctrl-C or Ctrl-D: leave like /quit
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
            reader.printAbove(line);
        } catch (RuntimeException e) {
            // The terminal went away (closed during shutdown): nothing left to show it on.
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
