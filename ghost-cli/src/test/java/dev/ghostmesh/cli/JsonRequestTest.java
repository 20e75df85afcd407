package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Parsing one JSON-mode command line: what is accepted, and the error for what is not. */
class JsonRequestTest {
    private static final JsonFactory FACTORY =
            new JsonOutput(new ByteArrayOutputStream(), Clock.systemUTC()).factory();

    private static JsonRequest parse(String line) throws JsonRequest.Invalid {
        return JsonRequest.parse(FACTORY, line.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonRequest.Invalid invalid(String line) {
        return assertThrows(JsonRequest.Invalid.class, () -> parse(line), line);
    }

    @Test
    void readsCmdIdAndStringFieldsAndIgnoresFieldsItDoesNotKnow() throws Exception {
        JsonRequest r = parse("{\"cmd\":\"msg\",\"to\":\"bob\",\"text\":\"a\\nb \\u00e9\","
                + "\"id\":\"x-1\",\"future\":{\"nested\":[1,2]},\"flag\":true}");
        assertEquals("msg", r.cmd);
        assertEquals(new JsonRequest.Id("x-1", false), r.id);
        assertEquals("bob", r.text("to"));
        assertEquals("a\nb \u00e9", r.text("text"));
        assertNull(r.optionalText("password"));
    }

    @Test
    void aNumericIdKeepsItsSpelling() throws Exception {
        assertEquals(new JsonRequest.Id("42", true), parse("{\"cmd\":\"peers\",\"id\":42}").id);
        assertEquals(new JsonRequest.Id("-1.5e3", true),
                parse("{\"cmd\":\"peers\",\"id\":-1.5e3}").id);
        assertNull(parse("{\"cmd\":\"peers\"}").id);
    }

    @Test
    void linesThatAreNotOneJsonObjectAreInvalidJson() {
        for (String line : new String[] {"hello", "[1]", "\"cmd\"", "{\"cmd\":\"peers\"",
                "{\"cmd\":\"peers\"} {}", "{\"cmd\":\"peers\",\"cmd\":\"nodes\"}",
                "{cmd:\"peers\"}", "{\"cmd\":'peers'}"}) {
            JsonRequest.Invalid e = invalid(line);
            assertEquals("invalid_json", e.code, line);
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void invalidUtf8IsInvalidJson() {
        byte[] line = {'{', '"', 'c', 'm', 'd', '"', ':', '"', (byte) 0xc3, '"', '}'};
        JsonRequest.Invalid e = assertThrows(JsonRequest.Invalid.class,
                () -> JsonRequest.parse(FACTORY, line));
        assertEquals("invalid_json", e.code);
    }

    @Test
    void missingOrMistypedFieldsNameTheFieldAndKeepCmdAndId() throws Exception {
        assertEquals("missing field 'cmd'", invalid("{\"id\":3}").getMessage());
        assertEquals(new JsonRequest.Id("3", true), invalid("{\"id\":3}").id);
        assertEquals("field 'cmd' must be a string", invalid("{\"cmd\":7}").getMessage());
        assertEquals("field 'id' must be a string or a number",
                invalid("{\"cmd\":\"peers\",\"id\":[1]}").getMessage());

        JsonRequest r = parse("{\"cmd\":\"msg\",\"id\":\"m\",\"to\":5,\"password\":null}");
        JsonRequest.Invalid wrong = assertThrows(JsonRequest.Invalid.class, () -> r.text("to"));
        assertEquals("field 'to' must be a string", wrong.getMessage());
        assertEquals("invalid_field", wrong.code);
        assertEquals("msg", wrong.cmd);
        assertEquals(new JsonRequest.Id("m", false), wrong.id);
        assertEquals("missing field 'text'",
                assertThrows(JsonRequest.Invalid.class, () -> r.text("text")).getMessage());
        assertNull(r.optionalText("password"), "null is absent");
    }
}
