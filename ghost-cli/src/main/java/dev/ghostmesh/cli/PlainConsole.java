package dev.ghostmesh.cli;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The console when stdin or stdout is not a terminal: one command per input line (UTF-8, any
 * length), one event per output line, flushed per line, so ghost-terminal can be scripted and
 * tested through pipes.
 *
 * <p>Threading: {@link #println} is synchronized so lines from the listener thread and the
 * input thread never interleave; {@link #readLine} belongs to the input thread.
 */
final class PlainConsole implements Console {
    private final BufferedReader in;
    private final PrintStream out;

    PlainConsole(InputStream in, OutputStream out) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        // Our own UTF-8 stream: the platform default may be ASCII under a bare C locale.
        this.out = new PrintStream(out, false, StandardCharsets.UTF_8);
    }

    /** A console on the process's stdin and stdout. */
    static PlainConsole system() {
        return new PlainConsole(System.in, new FileOutputStream(FileDescriptor.out));
    }

    @Override
    public String readLine() throws IOException {
        return in.readLine();
    }

    @Override
    public synchronized void println(String line) {
        out.print(line);
        out.print('\n');
        out.flush();
    }

    @Override
    public synchronized void close() {
        out.flush();
    }
}
