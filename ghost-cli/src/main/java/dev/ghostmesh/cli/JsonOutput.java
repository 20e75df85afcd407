package dev.ghostmesh.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standard output of the JSON mode: one compact JSON object per line, UTF-8, each starting
 * with {@code "type"} and {@code "time"} (an ISO-8601 UTC instant with milliseconds), written
 * whole and flushed, so a reader never sees half an object or two mixed. Text from the network
 * goes out raw, only JSON-escaped: a parser gives back exactly what was sent. Control, format
 * and bidi characters ({@link Sanitizer#isUnsafe}) are written as {@code \}{@code uXXXX}
 * escapes (upper-case hex, as Jackson writes its own), which decode to the same string but
 * cannot move the cursor or reorder the line when someone watches the stream on a terminal.
 *
 * <p>Threading: thread-safe; replies come from the input thread and events from the node's
 * listener thread, and {@link #emit} writes one object at a time.
 */
final class JsonOutput {
    private static final Logger log = LoggerFactory.getLogger(JsonOutput.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The fields of one object after "type" and "time". */
    @FunctionalInterface
    interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private final JsonFactory factory;
    private final OutputStream out;
    private final Clock clock;
    /** Reused under the lock: an object is built here, then written with one call. */
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    private volatile boolean muted;

    JsonOutput(OutputStream out, Clock clock) {
        this.factory = new JsonFactoryBuilder().characterEscapes(new TerminalSafeEscapes())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        this.out = out;
        this.clock = clock;
    }

    /** Output on the process's stdout. */
    static JsonOutput system() {
        return new JsonOutput(new FileOutputStream(FileDescriptor.out), Clock.systemUTC());
    }

    /** The factory whose escapes this output uses; parsers may come from it too. */
    JsonFactory factory() {
        return factory;
    }

    /** Writes {@code {"type":type,"time":now,...fields}} and a newline, unless muted. */
    synchronized void emit(String type, Fields fields) {
        if (muted) {
            return;
        }
        buffer.reset();
        try (JsonGenerator g = factory.createGenerator(buffer)) {
            g.writeStartObject();
            g.writeStringField("type", type);
            g.writeStringField("time", TIME.format(clock.instant()));
            fields.write(g);
            g.writeEndObject();
        } catch (IOException | RuntimeException e) {
            // A bug in a writer: one object lost is better than a half-written line.
            log.warn("cannot write a {} object", type, e);
            return;
        }
        buffer.write('\n');
        try {
            buffer.writeTo(out);
            out.flush();
        } catch (IOException e) {
            // The reader is gone (broken pipe): nobody is left to tell; keep the node running.
            log.warn("stdout is closed; JSON output stops", e);
            muted = true;
        }
    }

    /** {@link #emit}, then {@link #mute}, at once: no event can follow this object. */
    synchronized void emitLast(String type, Fields fields) {
        emit(type, fields);
        mute();
    }

    /** Drops all further output: once we are leaving, closing links would only be noise. */
    void mute() {
        muted = true;
    }

    /**
     * Jackson's standard escapes (quote, backslash, C0 controls), plus DEL and every character
     * the terminal sanitizer finds unsafe. Surrogates are left to Jackson, which writes a
     * supplementary character as its escaped surrogate pair.
     */
    static final class TerminalSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii;

        TerminalSafeEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (Character.isSurrogate((char) ch) || !Sanitizer.isUnsafe(ch)) {
                return null;
            }
            return new SerializedString(String.format("\\u%04X", ch));
        }
    }
}
