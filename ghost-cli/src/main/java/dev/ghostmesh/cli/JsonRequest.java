package dev.ghostmesh.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One command of the JSON mode, parsed from one input line: a JSON object with a string
 * {@code "cmd"}, an optional {@code "id"} (string or number, echoed in the reply) and the
 * command's fields. Fields the command does not use are ignored, so a newer bot can talk to an
 * older node; nested objects and arrays are skipped, duplicate names are an error.
 *
 * <p>Threading: immutable once parsed; the input thread parses and reads it.
 */
final class JsonRequest {
    /** The request id as written: a JSON string, or a number echoed as its text. */
    record Id(String text, boolean number) {}

    /** A scalar field: its JSON token kind and text. */
    private record Value(JsonToken token, String text) {}

    /** A line that is not a valid command; {@code cmd} and {@code id} are set if they were read. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;
        final transient String cmd;
        final transient Id id;

        Invalid(String code, String message, String cmd, Id id) {
            super(message, null, false, false);
            this.code = code;
            this.cmd = cmd;
            this.id = id;
        }
    }

    final String cmd;
    final Id id;
    private final Map<String, Value> fields;

    private JsonRequest(String cmd, Id id, Map<String, Value> fields) {
        this.cmd = cmd;
        this.id = id;
        this.fields = fields;
    }

    /**
     * Parses one line (UTF-8 bytes) with {@code factory}, which must detect duplicate names;
     * throws {@link Invalid} naming what is wrong.
     */
    static JsonRequest parse(JsonFactory factory, byte[] line) throws Invalid {
        Map<String, Value> fields = new LinkedHashMap<>();
        try (JsonParser p = factory.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Invalid("invalid_json", "a command is one JSON object per line", null,
                        null);
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value.isStructStart()) {
                    p.skipChildren();
                }
                fields.put(name, new Value(value, value.isScalarValue() ? p.getText() : null));
            }
            if (p.nextToken() != null) {
                throw new Invalid("invalid_json", "more than one JSON value on the line", null,
                        null);
            }
        } catch (JsonProcessingException e) {
            throw new Invalid("invalid_json", "invalid JSON: " + firstLine(e.getOriginalMessage()),
                    null, null);
        } catch (IOException e) {
            throw new Invalid("invalid_json", "invalid JSON: " + firstLine(e.getMessage()), null,
                    null);
        }
        Id id = idOf(fields.get("id"));
        Value cmd = fields.get("cmd");
        if (cmd == null) {
            throw new Invalid("invalid_field", "missing field 'cmd'", null, id);
        }
        if (cmd.token() != JsonToken.VALUE_STRING) {
            throw new Invalid("invalid_field", "field 'cmd' must be a string", null, id);
        }
        return new JsonRequest(cmd.text(), id, fields);
    }

    private static Id idOf(Value v) throws Invalid {
        if (v == null) {
            return null;
        }
        return switch (v.token()) {
            case VALUE_STRING -> new Id(v.text(), false);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Id(v.text(), true);
            default -> throw new Invalid("invalid_field", "field 'id' must be a string or a"
                    + " number", null, null);
        };
    }

    /** The string field {@code name}; a missing one or another type is {@link Invalid}. */
    String text(String name) throws Invalid {
        String s = optionalText(name);
        if (s == null) {
            throw invalid("missing field '" + name + "'");
        }
        return s;
    }

    /** The string field {@code name}, or null if it is absent or JSON null. */
    String optionalText(String name) throws Invalid {
        Value v = fields.get(name);
        if (v == null || v.token() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v.token() != JsonToken.VALUE_STRING) {
            throw invalid("field '" + name + "' must be a string");
        }
        return v.text();
    }

    /**
     * The whole-number field {@code name} as its text ({@code 20}, or {@code "20"}), or null
     * if it is absent or JSON null; another type is {@link Invalid}.
     */
    String optionalInteger(String name) throws Invalid {
        Value v = fields.get(name);
        if (v == null || v.token() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v.token() != JsonToken.VALUE_NUMBER_INT && v.token() != JsonToken.VALUE_STRING) {
            throw invalid("field '" + name + "' must be a whole number");
        }
        return v.text();
    }

    /** An error about this request's fields, with its cmd and id. */
    Invalid invalid(String message) {
        return invalid("invalid_field", message);
    }

    /** An error with a code of its own, with this request's cmd and id. */
    Invalid invalid(String code, String message) {
        return new Invalid(code, message, cmd, id);
    }

    /** Jackson's messages can run over lines (with a source excerpt): the reply is one line. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
