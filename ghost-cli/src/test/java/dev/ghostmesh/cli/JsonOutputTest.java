package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JSON mode's output: framing, exact round trips, terminal-safe escapes, muting. */
class JsonOutputTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"),
            ZoneOffset.UTC);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final JsonOutput out = new JsonOutput(bytes, CLOCK);

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void oneCompactObjectPerLineWithTypeAndMillisecondTimeFirst() {
        out.emit("ok", g -> {
            g.writeStringField("cmd", "status");
            g.writeNumberField("port", 6666);
        });
        assertEquals("{\"type\":\"ok\",\"time\":\"2026-01-02T03:04:05.000Z\",\"cmd\":\"status\","
                + "\"port\":6666}\n", written());
    }

    @Test
    void textRoundTripsExactlyWhileUnsafeCharactersAreEscaped() {
        String text = "\"q\" \\ \n\r\t \u0000 \u001b[2J \u007f \u0085 \u202eevil\u202c \u200b"
                + " \u2028 \ufeff \u00e9t\u00e9 \u4e2d \ud83d\ude00 </script>";
        out.emit("message", g -> g.writeStringField("text", text));
        String line = written();
        assertEquals(text, JsonClient.parse(line.strip()).get("text"));
        assertTrue(line.codePoints().noneMatch(c -> c != '\n' && Sanitizer.isUnsafe(c)), line);
        assertEquals(1, line.split("\n", -1).length - 1, "one line: " + line);
        for (String escape : List.of("\\u001B", "\\u007F", "\\u0085", "\\u202E", "\\u200B",
                "\\u2028", "\\uFEFF", "\\n", "\\r", "\\t", "\\\"", "\\\\")) {
            assertTrue(line.contains(escape), escape + " in " + line);
        }
        // Printable non-ASCII text stays readable UTF-8.
        assertTrue(line.contains("\u00e9t\u00e9 \u4e2d"), line);
    }

    @Test
    void nothingIsWrittenOnceMutedAndEmitLastMutesAfterItsObject() {
        out.emitLast("ok", g -> g.writeStringField("cmd", "quit"));
        out.emit("message", g -> g.writeStringField("text", "too late"));
        assertEquals(1, written().lines().count(), written());
        assertEquals("quit", JsonClient.parse(written().strip()).get("cmd"));
    }

    @Test
    void aFailingWriterLosesItsObjectButNotTheNextOne() {
        out.emit("broken", g -> {
            g.writeStringField("a", "b");
            throw new IllegalStateException("bug");
        });
        out.emit("fine", g -> { });
        assertEquals("fine", JsonClient.parse(written().strip()).get("type"));
    }

    @Test
    void aClosedStdoutMutesTheOutputWithoutThrowing() {
        List<String> attempts = new ArrayList<>();
        JsonOutput closed = new JsonOutput(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                attempts.add("byte");
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                attempts.add("bytes");
                throw new IOException("Broken pipe");
            }
        }, CLOCK);
        closed.emit("a", g -> { });
        closed.emit("b", g -> { });
        assertEquals(1, attempts.size(), attempts::toString);
    }

    @Test
    void concurrentWritersNeverInterleave() throws InterruptedException {
        int threads = 4;
        int each = 300;
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int n = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    int k = i;
                    out.emit("event", g -> {
                        g.writeStringField("who", "thread-" + n);
                        g.writeStringField("text", "x".repeat(200 + k));
                        g.writeNumberField("i", k);
                    });
                }
            });
            all.add(thread);
            thread.start();
        }
        for (Thread t : all) {
            t.join();
        }
        Set<String> seen = new HashSet<>();
        for (String line : written().split("\n")) {
            var o = JsonClient.parse(line);
            seen.add(o.get("who") + "/" + o.get("i"));
        }
        assertEquals(threads * each, seen.size());
    }
}
