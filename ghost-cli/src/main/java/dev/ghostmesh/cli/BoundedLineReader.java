package dev.ghostmesh.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads lines of bytes with a bound on their length, for the JSON mode's stdin: a line longer
 * than the bound is skipped up to its newline and reported as too long, so a runaway writer
 * costs one error reply, never the node's memory. Bytes, not chars: the JSON parser decodes
 * (and rejects invalid) UTF-8 itself.
 *
 * <p>Threading: not thread-safe; the input thread only.
 */
final class BoundedLineReader {
    /** One line without its terminator ("\n" or "\r\n"); {@code bytes} is empty if too long. */
    record Line(byte[] bytes, boolean tooLong) {}

    private final InputStream in;
    private final int maxBytes;
    private final byte[] chunk = new byte[8192];
    private int chunkStart;
    private int chunkEnd;
    private boolean eof;

    BoundedLineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at end of input (a last line without a newline still counts). */
    Line readLine() throws IOException {
        byte[] line = new byte[Math.min(256, maxBytes + 1)];
        int length = 0;
        boolean tooLong = false;
        while (true) {
            if (chunkStart == chunkEnd && !fill()) {
                if (length == 0 && !tooLong) {
                    return null;
                }
                return finish(line, length, tooLong);
            }
            byte b = chunk[chunkStart++];
            if (b == '\n') {
                return finish(line, length, tooLong);
            }
            if (tooLong) {
                continue;
            }
            if (length == maxBytes + 1) {
                // One byte over the bound ("\r" of a "\r\n" may still fit): over.
                tooLong = true;
                continue;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(line.length * 2, maxBytes + 1));
            }
            line[length++] = b;
        }
    }

    private Line finish(byte[] line, int length, boolean tooLong) {
        if (!tooLong && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (tooLong || length > maxBytes) {
            return new Line(new byte[0], true);
        }
        return new Line(Arrays.copyOf(line, length), false);
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(chunk);
        if (n <= 0) {
            eof = true;
            return false;
        }
        chunkStart = 0;
        chunkEnd = n;
        return true;
    }
}
