package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines of the JSON mode's stdin, with their bound. */
class BoundedLineReaderTest {
    private static List<String> lines(String input, int max, boolean byteByByte)
            throws IOException {
        InputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        if (byteByByte) {
            InputStream whole = in;
            in = new InputStream() {
                @Override
                public int read() throws IOException {
                    return whole.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return whole.read(b, off, Math.min(len, 1));
                }
            };
        }
        BoundedLineReader reader = new BoundedLineReader(in, max);
        List<String> out = new ArrayList<>();
        BoundedLineReader.Line line;
        while ((line = reader.readLine()) != null) {
            out.add(line.tooLong() ? "<too long>"
                    : new String(line.bytes(), StandardCharsets.UTF_8));
        }
        assertNull(reader.readLine(), "end of input stays the end");
        return out;
    }

    @Test
    void splitsOnNewlinesDropsCarriageReturnsAndKeepsALastLineWithoutNewline()
            throws IOException {
        for (boolean slow : new boolean[] {false, true}) {
            assertEquals(List.of("a", "", "b\u00e9", "c\rd", "last"),
                    lines("a\n\r\nb\u00e9\r\nc\rd\nlast", 100, slow));
            assertEquals(List.of(), lines("", 100, slow));
        }
    }

    @Test
    void aLineOverTheBoundIsReportedOnceAndTheNextLineIsRead() throws IOException {
        for (boolean slow : new boolean[] {false, true}) {
            assertEquals(List.of("12345", "<too long>", "ok", "12345", "<too long>"),
                    lines("12345\n123456\nok\n12345\r\n" + "x".repeat(50_000), 5, slow));
        }
    }

    @Test
    void theBoundCountsBytesNotCharacters() throws IOException {
        // "é" is two bytes in UTF-8: three of them are six bytes.
        assertEquals(List.of("\u00e9\u00e9", "<too long>"),
                lines("\u00e9\u00e9\n\u00e9\u00e9\u00e9\n", 5, false));
    }
}
