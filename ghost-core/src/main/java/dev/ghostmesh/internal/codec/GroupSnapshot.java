package dev.ghostmesh.internal.codec;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.crypto.GroupKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * What a node keeps of its groups across restarts, and its encoding (before it is sealed with
 * {@code StateSeal}; it holds keys). A MessagePack array:
 *
 * <pre>
 * [version: 1, own: [str], creations: [bin], keys: [[group: str, key: bin 32, verifier: bin 32]],
 *  members: [[node: bin 16, groups: [str]]]]
 * </pre>
 *
 * {@code own} is the node's membership; {@code creations} are the signed GROUP_CREATE packets
 * of those groups exactly as received or sent, so the group stays known to a mesh that restarted
 * entirely; {@code keys} are the keys of its protected groups with the verifier each serves;
 * {@code members} is the last membership known of the other members of those groups, so a node
 * coming back does not report as joins what it already knew. Decoding checks every count and
 * length like network input: a damaged file is refused, never trusted.
 *
 * <p>Threading: immutable values; stateless codec, any thread.
 *
 * @param own the groups this node is in
 * @param creations the frames of the creations of those groups
 * @param keys the keys of the protected ones
 * @param members other nodes' groups among {@code own}
 */
public record GroupSnapshot(List<GroupName> own, List<byte[]> creations, List<SavedKey> keys,
        Map<NodeId, Set<GroupName>> members) {
    private static final int VERSION = 1;
    private static final int MAX_GROUP_BYTES = GroupName.MAX_LENGTH * 4 * 3;
    /** Most member entries decoded: far above any node's {@code maxKnownNodes} default. */
    public static final int MAX_MEMBERS = 1 << 16;

    /** Copies the lists. */
    public GroupSnapshot {
        own = List.copyOf(own);
        creations = List.copyOf(creations);
        keys = List.copyOf(keys);
        Map<NodeId, Set<GroupName>> copy = new LinkedHashMap<>();
        members.forEach((id, groups) -> copy.put(id, Set.copyOf(groups)));
        members = Collections.unmodifiableMap(copy);
    }

    /**
     * A protected group's key and the verifier of the creation it serves. The arrays are held
     * as given, not copied, so that whoever made them can clear them once they are used.
     */
    public record SavedKey(GroupName group, byte[] key, byte[] verifier) {
        /** Checks the lengths. */
        public SavedKey {
            Objects.requireNonNull(group, "group");
            if (key.length != GroupKeys.KEY_LENGTH
                    || verifier.length != GroupKeys.VERIFIER_LENGTH) {
                throw new IllegalArgumentException("bad key or verifier length");
            }
        }
    }

    /** Encodes the snapshot. */
    public byte[] encode() {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(5).packInt(VERSION);
            GroupBodies.packGroups(p, own);
            p.packArrayHeader(creations.size());
            for (byte[] frame : creations) {
                p.packBinaryHeader(frame.length).writePayload(frame);
            }
            p.packArrayHeader(keys.size());
            for (SavedKey k : keys) {
                p.packArrayHeader(3).packString(k.group().display());
                p.packBinaryHeader(k.key().length).writePayload(k.key());
                p.packBinaryHeader(k.verifier().length).writePayload(k.verifier());
            }
            p.packArrayHeader(members.size());
            for (Map.Entry<NodeId, Set<GroupName>> e : members.entrySet()) {
                p.packArrayHeader(2).packBinaryHeader(NodeId.LENGTH)
                        .writePayload(e.getKey().bytes());
                List<GroupName> sorted = new ArrayList<>(e.getValue());
                sorted.sort(null);
                GroupBodies.packGroups(p, sorted);
            }
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes what {@link #encode()} wrote; fails on anything else. */
    public static GroupSnapshot decode(byte[] data) throws PacketDecodeException {
        try (SchemaReader r = new SchemaReader(data, 0, data.length)) {
            r.arrayHeader(5, 5, "group state");
            int version = r.intValue(0, 255, "version");
            if (version != VERSION) {
                throw new PacketDecodeException("unsupported group state version " + version);
            }
            List<GroupName> own = GroupBodies.readGroups(r);
            int n = r.arrayHeader(0, GroupBodies.MAX_WIRE_GROUPS, "creations");
            List<byte[]> creations = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int length = r.binHeader(PacketCodec.MAX_FRAME_BYTES, "creation");
                int at = r.skipPayload(length, "creation");
                creations.add(java.util.Arrays.copyOfRange(data, at, at + length));
            }
            n = r.arrayHeader(0, GroupBodies.MAX_WIRE_GROUPS, "keys");
            List<SavedKey> keys = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                r.arrayHeader(3, 3, "key");
                GroupName group = name(r.string(MAX_GROUP_BYTES, "key group"));
                int k = r.binExact(GroupKeys.KEY_LENGTH, "key");
                int v = r.binExact(GroupKeys.VERIFIER_LENGTH, "verifier");
                keys.add(new SavedKey(group,
                        java.util.Arrays.copyOfRange(data, k, k + GroupKeys.KEY_LENGTH),
                        java.util.Arrays.copyOfRange(data, v, v + GroupKeys.VERIFIER_LENGTH)));
            }
            n = r.arrayHeader(0, MAX_MEMBERS, "members");
            Map<NodeId, Set<GroupName>> members = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                r.arrayHeader(2, 2, "member");
                NodeId id = NodeId.of(data, r.binExact(NodeId.LENGTH, "member id"));
                members.put(id, new HashSet<>(GroupBodies.readGroups(r)));
            }
            r.requireEnd("group state");
            return new GroupSnapshot(own, creations, keys, members);
        }
    }

    private static GroupName name(String name) throws PacketDecodeException {
        String problem = GroupName.problem(name);
        if (problem != null) {
            throw new PacketDecodeException("group name: " + problem);
        }
        return GroupName.of(name);
    }
}
