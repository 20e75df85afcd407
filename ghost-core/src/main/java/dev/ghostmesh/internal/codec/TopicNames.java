package dev.ghostmesh.internal.codec;

/**
 * The rules for topic names and latest-value keys (PROTOCOL.md, "Topics"). A topic is 1-128
 * ASCII characters from {@code A-Z a-z 0-9 . _ - /}, split by {@code /} into non-empty
 * segments; names are compared byte for byte. Topics under {@code ghost/} are reserved for the
 * applications built into the library (the chat's: {@link ChatTopics}). A key is 0-128 bytes
 * of UTF-8, compared byte for byte; the empty key means none.
 *
 * <p>Threading: stateless.
 */
public final class TopicNames {
    /** Longest topic name, in characters (each one byte). */
    public static final int MAX_TOPIC_BYTES = 128;
    /** Longest latest-value key, in bytes of UTF-8. */
    public static final int MAX_KEY_BYTES = 128;
    /** The prefix of topics reserved for the library's own applications. */
    public static final String RESERVED_PREFIX = "ghost/";

    private TopicNames() {}

    /** Why {@code topic} is not a valid topic name, or null if it is. */
    public static String problem(String topic) {
        if (topic == null || topic.isEmpty()) {
            return "a topic name must not be empty";
        }
        if (topic.length() > MAX_TOPIC_BYTES) {
            return "topic name is " + topic.length() + " characters; the limit is "
                    + MAX_TOPIC_BYTES;
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (!allowed(c)) {
                return "topic name has " + describe(c) + " at " + i
                        + "; allowed are A-Z a-z 0-9 . _ - and / between segments";
            }
        }
        if (topic.startsWith("/") || topic.endsWith("/") || topic.contains("//")) {
            return "topic name has an empty segment (a leading, trailing or double /)";
        }
        return null;
    }

    /** True for topics reserved for the library's own applications. */
    public static boolean reserved(String topic) {
        return topic.startsWith(RESERVED_PREFIX);
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-' || c == '/';
    }

    private static String describe(char c) {
        return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }
}
