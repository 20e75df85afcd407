package dev.ghostmesh.internal.codec;

import dev.ghostmesh.GroupName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The reserved topics the built-in chat travels on, and its encoding (PROTOCOL.md, "Topics"):
 * broadcasts on {@value #CHAT}; a group's messages on {@value #GROUP_PREFIX} followed by 32
 * lowercase hex digits, the first 16 bytes of {@code SHA-256("ghost-terminal group topic v1" ||
 * 0x00 || N)}, {@code N} the UTF-8 of the group's normalized name. The name is hashed rather
 * than spelled out because a group name may hold any letter of Unicode while topic names are
 * ASCII, and so that every group topic has one length. A chat payload is the text in UTF-8,
 * under the text rules (a protected group's is the sealed text instead: see the group package).
 *
 * <p>Threading: stateless and thread-safe.
 */
public final class ChatTopics {
    /** Broadcast chat, and the topic of the chat's private (direct) messages. */
    public static final String CHAT = "ghost/chat";
    /** What every group's topic starts with. */
    public static final String GROUP_PREFIX = "ghost/group/";
    /** Bytes of the hash a group topic names. */
    static final int GROUP_HASH_BYTES = 16;

    private static final byte[] GROUP_LABEL =
            "ghost-terminal group topic v1".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private ChatTopics() {}

    /** The topic of {@code group}'s messages: the same for every spelling of the name. */
    public static String group(GroupName group) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        sha256.update(GROUP_LABEL);
        sha256.update((byte) 0);
        byte[] hash = sha256.digest(group.key().getBytes(StandardCharsets.UTF_8));
        return GROUP_PREFIX + HEX.formatHex(hash, 0, GROUP_HASH_BYTES);
    }

    /** The payload that carries {@code text} (already checked against the text rules). */
    public static byte[] payload(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The text a chat payload carries.
     *
     * @throws PacketDecodeException if it is not strict UTF-8 or breaks the text rules (empty,
     *     or over 16 KiB)
     */
    public static String text(byte[] payload) throws PacketDecodeException {
        if (payload.length > TextRules.MAX_TEXT_BYTES) {
            throw new PacketDecodeException("text of " + payload.length
                    + " bytes; the limit is " + TextRules.MAX_TEXT_BYTES);
        }
        String text = TextRules.decodeUtf8(payload, 0, payload.length);
        String problem = TextRules.textProblem(text);
        if (problem != null) {
            throw new PacketDecodeException(problem);
        }
        return text;
    }
}
