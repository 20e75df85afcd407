package dev.ghostmesh.internal.group;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.GroupBodies.Protection;
import dev.ghostmesh.internal.codec.GroupBodies;
import dev.ghostmesh.internal.codec.GroupSnapshot;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.crypto.GroupKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys of the protected groups this node created or joined with their password, held in
 * memory (and, with a state directory, saved sealed by {@link GroupPersistence}). A key serves
 * only the creation whose verifier it matches: if a partition heals and another creation of the
 * name wins, the old key is no longer used, and the node must join again with the winner's
 * password.
 *
 * <p>Sealed group content (the payload of a message on the group's topic, or the body of an
 * older node's GROUP packet) is {@code GroupKeys.seal(key, messageId, context, [text])} with
 * {@code context = origin id (16 bytes) || UTF-8 of the normalized group name}: the origin's
 * signature covers the envelope, and the context binds the ciphertext to that origin and group,
 * so it cannot be replayed under another sender or into another group with the same password.
 *
 * <p>Threading: confined to the node thread.
 */
public final class GroupKeyring {
    private record Held(byte[] key, byte[] verifier) {}

    private final Map<GroupName, Held> keys = new HashMap<>();
    private final int maxKeys;

    /** {@code maxKeys}: the groups a node may be in (keys are only held for own groups). */
    GroupKeyring(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /** Holds {@code key} (now owned here) for the creation {@code protection} describes. */
    void put(GroupName group, byte[] key, Protection protection) {
        remove(group);
        if (keys.size() >= maxKeys) {
            Arrays.fill(key, (byte) 0);
            throw new IllegalStateException("more group keys than groups a node may be in");
        }
        keys.put(group, new Held(key, protection.verifier()));
    }

    /** Holds a saved {@code key} (copied) for the creation whose verifier is {@code verifier}. */
    void restore(GroupName group, byte[] key, byte[] verifier) {
        remove(group);
        if (keys.size() < maxKeys) {
            keys.put(group, new Held(key.clone(), verifier.clone()));
        }
    }

    /** Copies of the keys held for {@code groups}, to be saved. */
    List<GroupSnapshot.SavedKey> saved(Set<GroupName> groups) {
        List<GroupSnapshot.SavedKey> out = new ArrayList<>();
        keys.forEach((g, h) -> {
            if (groups.contains(g)) {
                out.add(new GroupSnapshot.SavedKey(g, h.key().clone(), h.verifier().clone()));
            }
        });
        return out;
    }

    /** The key for the group's current creation, or null if none is held for it. */
    byte[] keyFor(GroupName group, Protection current) {
        Held h = keys.get(group);
        return h != null && current != null && Arrays.equals(h.verifier(), current.verifier())
                ? h.key() : null;
    }

    /** Forgets and clears a group's key (the node left it). */
    void remove(GroupName group) {
        Held h = keys.remove(group);
        if (h != null) {
            Arrays.fill(h.key(), (byte) 0);
        }
    }

    /** Clears every key (the node closed). */
    public void clear() {
        keys.values().forEach(h -> Arrays.fill(h.key(), (byte) 0));
        keys.clear();
    }

    /** Seals {@code text} as message {@code id} from {@code origin} to {@code group}. */
    public static byte[] seal(byte[] key, MessageId id, NodeId origin, GroupName group, String text) {
        return GroupKeys.seal(key, bytes(id), context(origin, group),
                GroupBodies.sealedContent(text));
    }

    /** Opens sealed content; throws if it was not sealed with this key, id, origin and group. */
    static String open(byte[] key, MessageId id, NodeId origin, GroupName group, byte[] sealed)
            throws CryptoException, PacketDecodeException {
        return GroupBodies.decodeSealedContent(
                GroupKeys.open(key, bytes(id), context(origin, group), sealed));
    }

    /** {@code origin id || UTF-8(normalized group name)}: what the AEAD binds besides the id. */
    public static byte[] context(NodeId origin, GroupName group) {
        byte[] name = group.key().getBytes(StandardCharsets.UTF_8);
        byte[] c = new byte[NodeId.LENGTH + name.length];
        origin.writeTo(c, 0);
        System.arraycopy(name, 0, c, NodeId.LENGTH, name.length);
        return c;
    }

    private static byte[] bytes(MessageId id) {
        byte[] b = new byte[MessageId.LENGTH];
        id.writeTo(b, 0);
        return b;
    }
}
