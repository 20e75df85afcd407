package dev.ghostmesh.cli;

/**
 * A command that failed, typed: a machine-readable {@code code} (the JSON mode's error code:
 * {@code unknown_user}, {@code ambiguous_user}, {@code self}, {@code not_connected},
 * {@code invalid_field}, {@code usage}, {@code rejected}, {@code failed}, a group error such as
 * {@code unknown_group}, ...), the one-line reason JSON replies with, and the line the chat
 * prints after {@code error: }, which may point at a chat command ({@code (see /groups)}).
 * Both texts are sanitized where they hold outside data, except {@code message}, which the
 * JSON writer escapes itself.
 *
 * <p>Threading: immutable; thrown and caught on the input thread.
 */
final class CommandError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final String chat;

    CommandError(String code, String message, String chat) {
        super(message, null, false, false);
        this.code = code;
        this.chat = chat;
    }

    /** The same reason for both renderings, sanitized for the chat. */
    CommandError(String code, String message) {
        this(code, message, Sanitizer.clean(message));
    }

    String code() {
        return code;
    }

    /** The chat's error line, without {@code error: }. */
    String chat() {
        return chat;
    }

    /** A required parameter is missing or a chat line has too many words. */
    static CommandError usage(CommandSpec spec) {
        return new CommandError("usage", "usage: " + spec.chatUsage());
    }

    /** An argument the CLI or the library refused as invalid (a group name, a port). */
    static CommandError invalid(String message) {
        return new CommandError("invalid_field", message);
    }
}
