package dev.ghostmesh.cli;

import java.io.IOException;

/**
 * The chat screen: reads what the user types and prints lines. Output is line-oriented; every
 * string that came from the network must already be passed through {@link Sanitizer}.
 *
 * <p>Threading: {@link #readLine()} is called by the input (main) thread only;
 * {@link #println(String)} is thread-safe and is called from the input thread and from the
 * node's listener thread at the same time; {@link #close()} may be called from any thread,
 * including a shutdown hook, and is idempotent.
 */
interface Console extends AutoCloseable {
    /**
     * The next line typed, without its line terminator, or null at end of input (or Ctrl-C on
     * an empty line).
     */
    String readLine() throws IOException;

    /** Prints one line, never interleaved with another, and flushes it. */
    void println(String line);

    /** Clears the screen, if this console has one; the default has none and does nothing. */
    default void clear() {}

    /** Restores the terminal; later output is dropped or printed plainly. */
    @Override
    void close();
}
