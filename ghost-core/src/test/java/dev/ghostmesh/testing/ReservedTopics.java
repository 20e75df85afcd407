package dev.ghostmesh.testing;

import dev.ghostmesh.GroupName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chat's reserved topics as PROTOCOL.md ("Topics") defines them, computed here from the
 * definition rather than by the code under test, so a test that finds them on the wire checks
 * the code against the document.
 *
 * <p>Threading: stateless.
 */
public final class ReservedTopics {
    /** Broadcast chat. */
    public static final String CHAT = "ghost/chat";

    private ReservedTopics() {}

    /**
     * {@code ghost/group/} and the hex of the first 16 bytes of SHA-256("ghost-terminal group
     * topic v1" || 0x00 || the UTF-8 of the normalized name).
     */
    public static String group(GroupName group) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("ghost-terminal group topic v1".getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) 0);
            byte[] hash = sha256.digest(group.key().getBytes(StandardCharsets.UTF_8));
            return "ghost/group/" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
