package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A {@code ghost-terminal --json} process driven as a bot would: commands written as JSON,
 * output lines parsed with jackson-core into maps (objects), lists (arrays), strings, longs,
 * doubles, booleans and nulls. Every line the process printed must be one JSON object with a
 * {@code type} and an ISO-8601 {@code time}, or parsing it fails the test.
 *
 * <p>Threading: the test thread only (the {@link CliProcess} underneath collects output).
 */
final class JsonClient implements AutoCloseable {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    final CliProcess process;
    private int nextId = 1;

    private JsonClient(CliProcess process) {
        this.process = process;
    }

    /**
     * Starts {@code ghost-terminal --json --home home args...} (discovery off) with {@code env}
     * added to its environment.
     */
    static JsonClient start(String name, Path home, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("--json"));
        all.addAll(List.of(args));
        return new JsonClient(CliProcess.start(name, home, env, all.toArray(String[]::new)));
    }

    /** Wraps a process started otherwise (e.g. with a non-ASCII argument). */
    static JsonClient of(CliProcess process) {
        return new JsonClient(process);
    }

    /** Parses one output line: exactly one JSON object with "type" and an instant "time". */
    static Map<String, Object> parse(String line) {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new AssertionError("not a JSON object: " + line);
            }
            Map<String, Object> object = object(p);
            if (p.nextToken() != null) {
                throw new AssertionError("more than one value on the line: " + line);
            }
            if (!(object.get("type") instanceof String)) {
                throw new AssertionError("no string type: " + line);
            }
            String time = (String) object.get("time");
            if (time == null || !time.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")) {
                throw new AssertionError("no ISO-8601 UTC time: " + line);
            }
            Instant.parse(time);
            return object;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            map.put(name, value(p));
        }
        return map;
    }

    private static Object value(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p));
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + p.currentToken());
        };
    }

    /** Every stdout line so far, parsed (fails on any line that is not a JSON object). */
    List<Map<String, Object>> objects() {
        return process.stdout().stream().map(JsonClient::parse).toList();
    }

    /** How many lines have arrived; pass it to {@link #await}. */
    int mark() {
        return process.mark();
    }

    /** The first object at or after line {@code from} of {@code type} that passes {@code p}. */
    Map<String, Object> await(int from, String type, Predicate<Map<String, Object>> p) {
        return parse(process.awaitLine(from, l -> {
            Map<String, Object> o = parse(l);
            return type.equals(o.get("type")) && p.test(o);
        }, "a " + type + " object"));
    }

    Map<String, Object> await(String type, Predicate<Map<String, Object>> p) {
        return await(0, type, p);
    }

    /** The ready object: id, codename, username, port. */
    Map<String, Object> ready() {
        return await("ready", o -> true);
    }

    String id() {
        return (String) ready().get("id");
    }

    int port() {
        return ((Long) ready().get("port")).intValue();
    }

    /**
     * Sends {@code json} (an object without "id": one is added) and returns its reply, ok or
     * error, found by the echoed id.
     */
    Map<String, Object> call(String json) {
        String id = "r" + nextId++;
        if (!json.startsWith("{") || json.equals("{}")) {
            fail("not a JSON object: " + json);
        }
        int from = mark();
        process.send("{\"id\":\"" + id + "\"," + json.substring(1));
        Map<String, Object> reply = parse(process.awaitLine(from, l -> {
            Map<String, Object> o = parse(l);
            return id.equals(o.get("id")) && ("ok".equals(o.get("type"))
                    || "error".equals(o.get("type")));
        }, "the reply to " + json));
        return reply;
    }

    /** {@link #call} that must succeed. */
    Map<String, Object> ok(String json) {
        Map<String, Object> reply = call(json);
        assertEquals("ok", reply.get("type"), () -> json + " -> " + reply);
        return reply;
    }

    /** A JSON string literal for {@code text}, written by jackson-core. */
    static String quote(String text) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @Override
    public void close() {
        process.close();
    }
}
