package dev.ghostmesh.cli;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One row of the CLI's command table ({@link Commands}): a command's name, its parameters, its
 * help, where it works, and its action. The chat reads the parameters as positional words
 * ({@code /msg bob see you}); the JSON mode reads them as named fields
 * ({@code {"cmd":"msg","to":"bob","text":"see you"}}). The action returns a typed
 * {@link CommandResult} or throws a {@link CommandError}; {@link ChatRenderer} and
 * {@link JsonRenderer} turn either into chat lines or a JSON reply.
 *
 * <p>Threading: immutable and thread-safe; the actions run on the input thread.
 */
record CommandSpec(String name, List<String> aliases, List<Param> params, Help help,
        Surface surface, Action action) {

    /** Where a command makes sense. */
    enum Surface {
        BOTH, CHAT_ONLY, JSON_ONLY;

        boolean chat() {
            return this != JSON_ONLY;
        }

        boolean json() {
            return this != CHAT_ONLY;
        }
    }

    /** How the chat reads a parameter, and whether it may be left out. */
    enum Kind {
        /** One word, required. */
        WORD,
        /** One word, optional. */
        OPTIONAL_WORD,
        /** A whole number, optional: one word in the chat, a JSON number (or string). */
        OPTIONAL_NUMBER,
        /** The rest of the line, required (the message of /msg). */
        REST,
        /** The rest of the line, optional, never echoed: masked and kept out of history. */
        SECRET
    }

    /** What Tab offers for a parameter in the chat. */
    enum Completion { NONE, USER, PEER, GROUP_TO_JOIN, GROUP_JOINED, COMMAND, TEXT }

    /**
     * One parameter: {@code field} is its JSON field name (and its key in
     * {@link CommandArgs}), {@code placeholder} how chat help writes it ({@code <user>}).
     * {@code base64Field}, when not null, is a JSON field that may replace {@code field} with
     * base64 bytes ({@code data} for {@code text}). {@code surface} says where the parameter
     * exists: a chat-only one is a second way to type a value in the chat
     * ({@code /connect host 7000}) that JSON writes in another field already
     * ({@code "address":"host:7000"}); a JSON-only one is a named field for what the chat reads
     * from the form of a word ({@code /history #dev} is JSON's {@code "group":"dev"}).
     */
    record Param(String field, String placeholder, Kind kind, Completion completion,
            String base64Field, Surface surface) {
        Param {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(placeholder, "placeholder");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(completion, "completion");
            Objects.requireNonNull(surface, "surface");
        }

        static Param word(String field, String placeholder, Completion completion) {
            return new Param(field, placeholder, Kind.WORD, completion, null, Surface.BOTH);
        }

        static Param optional(String field, String placeholder) {
            return new Param(field, placeholder, Kind.OPTIONAL_WORD, Completion.NONE, null,
                    Surface.BOTH);
        }

        static Param number(String field, String placeholder) {
            return new Param(field, placeholder, Kind.OPTIONAL_NUMBER, Completion.NONE, null,
                    Surface.BOTH);
        }

        static Param rest(String field, String placeholder) {
            return new Param(field, placeholder, Kind.REST, Completion.TEXT, null, Surface.BOTH);
        }

        static Param secret(String field, String placeholder) {
            return new Param(field, placeholder, Kind.SECRET, Completion.NONE, null,
                    Surface.BOTH);
        }

        /** This parameter, which JSON may also give as base64 bytes in {@code field}. */
        Param orBase64(String field) {
            return new Param(this.field, placeholder, kind, completion, field, surface);
        }

        /** This parameter, with Tab offering {@code c}. */
        Param completing(Completion c) {
            return new Param(field, placeholder, kind, c, base64Field, surface);
        }

        /** This parameter, in the chat only. */
        Param onlyInChat() {
            return new Param(field, placeholder, kind, completion, base64Field,
                    Surface.CHAT_ONLY);
        }

        /** This parameter, in JSON only. */
        Param onlyInJson() {
            return new Param(field, placeholder, kind, completion, base64Field,
                    Surface.JSON_ONLY);
        }

        boolean chatOnly() {
            return surface == Surface.CHAT_ONLY;
        }

        boolean optional() {
            return kind == Kind.OPTIONAL_WORD || kind == Kind.OPTIONAL_NUMBER
                    || kind == Kind.SECRET;
        }

        boolean rest() {
            return kind == Kind.REST || kind == Kind.SECRET;
        }
    }

    /**
     * The help of a command: a one-line summary for {@code /help}, detail lines and an example
     * for {@code /help <command>}, and, where the synopsis does not say it all, the chat's
     * usage error ({@code /connect <host>:<port>} is a second form); null for the synopsis.
     */
    record Help(String summary, List<String> details, String example, String usage) {
        Help {
            Objects.requireNonNull(summary, "summary");
            details = List.copyOf(details);
        }
    }

    /** The command's work; reads its arguments, returns its result or throws CommandError. */
    @FunctionalInterface
    interface Action {
        CommandResult run(CommandContext context, CommandArgs args);
    }

    CommandSpec {
        aliases = List.copyOf(aliases);
        params = List.copyOf(params);
        List<Param> chat = params.stream().filter(p -> p.surface().chat()).toList();
        for (int i = 0; i < chat.size() - 1; i++) {
            if (chat.get(i).rest()) {
                throw new IllegalArgumentException(name + ": only the last parameter may take"
                        + " the rest of the line");
            }
        }
    }

    /** The parameters the chat reads, in the order it reads its words. */
    List<Param> chatParams() {
        return params.stream().filter(p -> p.surface().chat()).toList();
    }

    /** {@code /msg <user> <message>}: how the chat writes the command. */
    String chatSynopsis() {
        String args = chatParams().stream().map(p -> p.optional()
                ? "[" + bare(p.placeholder()) + "]" : p.placeholder())
                .collect(Collectors.joining(" "));
        return args.isEmpty() ? "/" + name : "/" + name + " " + args;
    }

    /** {@code msg to text}: the command and its JSON fields, optional ones in brackets. */
    String jsonSynopsis() {
        StringBuilder s = new StringBuilder(name);
        for (Param p : params) {
            if (!p.surface().json()) {
                continue;
            }
            String field = p.base64Field() == null ? p.field()
                    : p.field() + "|" + p.base64Field();
            s.append(' ').append(p.optional() ? "[" + field + "]" : field);
        }
        return s.toString();
    }

    /** The chat's usage error text, after {@code usage: }. */
    String chatUsage() {
        return help.usage() != null ? help.usage() : chatSynopsis();
    }

    private static String bare(String placeholder) {
        return placeholder.startsWith("<") && placeholder.endsWith(">")
                ? placeholder.substring(1, placeholder.length() - 1) : placeholder;
    }
}
