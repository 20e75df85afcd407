package dev.ghostmesh.cli;

import dev.ghostmesh.cli.CommandSpec.Param;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The arguments of one command, by field name, read either from a chat line's words
 * ({@link #fromChat}: positional, the last rest-of-line parameter takes the rest) or from a
 * JSON request's fields ({@link #fromJson}: named). Secrets (a group password) are held as
 * {@code char[]} and wiped by {@link #clear}.
 *
 * <p>Threading: confined to the input thread.
 */
final class CommandArgs {
    private final Map<String, String> text = new HashMap<>();
    private final Map<String, byte[]> bytes = new HashMap<>();
    private final Map<String, char[]> secrets = new HashMap<>();

    /** Arguments given directly (tests, plain chat text). */
    static CommandArgs of(Map<String, String> values) {
        CommandArgs a = new CommandArgs();
        a.text.putAll(values);
        return a;
    }

    /**
     * Splits {@code rest} (what follows the command word) into {@code spec}'s parameters:
     * one word each, the rest of the line (stripped) for a rest parameter. Too few words for
     * the required parameters, or words left over, is the command's usage error.
     */
    static CommandArgs fromChat(CommandSpec spec, String rest) {
        CommandArgs a = new CommandArgs();
        String left = rest.strip();
        for (Param p : spec.chatParams()) {
            if (left.isEmpty()) {
                if (!p.optional()) {
                    throw CommandError.usage(spec);
                }
                continue;
            }
            if (p.rest()) {
                a.put(p, left);
                left = "";
            } else {
                String[] parts = left.split("\\s+", 2);
                a.put(p, parts[0]);
                left = parts.length > 1 ? parts[1].strip() : "";
            }
        }
        if (!left.isEmpty()) {
            throw CommandError.usage(spec);
        }
        return a;
    }

    private void put(Param p, String value) {
        if (p.kind() == CommandSpec.Kind.SECRET) {
            secrets.put(p.field(), value.toCharArray());
        } else {
            text.put(p.field(), value);
        }
    }

    /**
     * Reads {@code spec}'s parameters from the JSON request's fields; a missing required field
     * or one of the wrong type is {@code invalid_field}, as is invalid base64.
     */
    static CommandArgs fromJson(CommandSpec spec, JsonRequest r) throws JsonRequest.Invalid {
        CommandArgs a = new CommandArgs();
        for (Param p : spec.params()) {
            if (!p.surface().json()) {
                continue;
            }
            String value = p.kind() == CommandSpec.Kind.OPTIONAL_NUMBER
                    ? r.optionalInteger(p.field()) : r.optionalText(p.field());
            if (value == null && p.base64Field() != null) {
                String data = r.optionalText(p.base64Field());
                if (data != null) {
                    try {
                        a.bytes.put(p.field(), Base64.getDecoder().decode(data));
                    } catch (IllegalArgumentException e) {
                        throw r.invalid("field '" + p.base64Field() + "' is not base64: "
                                + e.getMessage());
                    }
                    continue;
                }
            }
            if (value == null) {
                if (!p.optional()) {
                    throw r.invalid("missing field '" + p.field() + "'"
                            + (p.base64Field() != null ? " (or '" + p.base64Field() + "')" : ""));
                }
                continue;
            }
            // An empty password means none, as a blank one does in the chat.
            if (p.kind() == CommandSpec.Kind.SECRET && value.isEmpty()) {
                continue;
            }
            a.put(p, value);
        }
        return a;
    }

    /** The value of {@code field}, or null if it was not given. */
    String get(String field) {
        return text.get(field);
    }

    /** The value of a required {@code field} (the parsers checked it is there). */
    String required(String field) {
        String v = text.get(field);
        if (v == null) {
            throw new IllegalStateException("no argument " + field);
        }
        return v;
    }

    /** The secret {@code field}, or null; wiped by {@link #clear}. */
    char[] secret(String field) {
        return secrets.get(field);
    }

    /** The bytes given in place of {@code field} (JSON's base64 field), or null. */
    byte[] bytes(String field) {
        return bytes.get(field);
    }

    /** Wipes the secrets: a password is not kept longer than its command. */
    void clear() {
        secrets.values().forEach(s -> Arrays.fill(s, '\0'));
    }
}
