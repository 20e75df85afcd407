package dev.ghostmesh.internal.codec;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.crypto.GroupKeys;
import dev.ghostmesh.internal.crypto.GroupKeys.KdfParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Bodies of the group packets.
 *
 * <pre>
 * GROUP_CREATE:            [member: bin 16, group: str, groups: [str], protection]
 * GROUP_JOIN, GROUP_LEAVE: [member: bin 16, group: str, groups: [str]]
 * protection:              nil (an open group)
 *                          | ["argon2id", memory_kib: int, iterations: int, parallelism: int,
 *                             verifier: bin 32]
 * GROUP, open group:       [group: str, text: str]
 * GROUP, protected group:  [group: str, sealed: bin]   (sealed opens to [text: str])
 * </pre>
 *
 * A membership body names its member, which must be the packet's origin: only a node itself can
 * join or leave, and a body naming anyone else is rejected. {@code groups} is the member's whole
 * group list after the change, so the latest statement of a node alone decides its membership,
 * whatever order statements arrive in. A creation without the fourth field (an older node) is an
 * open group; Argon2id costs outside {@link KdfParams}' bounds or another algorithm make the
 * body malformed. The two GROUP forms differ in the type of their second field: a string is
 * plaintext, binary is sealed. GROUP packets are what older nodes send; group messages are
 * TOPIC messages now ({@link ChatTopics}), whose sealed payload is the same {@code sealed}.
 * Stateless.
 */
public final class GroupBodies {
    /** Most groups one statement may list, whatever a node's own limit (the wire bound). */
    public static final int MAX_WIRE_GROUPS = 1024;
    private static final int MAX_GROUP_BYTES = GroupName.MAX_LENGTH * 4 * 3;
    /** The only key derivation a protection names today. */
    public static final String ARGON2ID = "argon2id";
    /** Largest sealed GROUP content: a text of the maximum length plus framing and tag. */
    public static final int MAX_SEALED_BYTES = TextRules.MAX_TEXT_BYTES + 64;

    private GroupBodies() {}

    /**
     * A membership statement: {@code member} did something to {@code group} and is now in
     * exactly {@code groups}.
     */
    public record Membership(NodeId member, GroupName group, List<GroupName> groups,
            Protection protection) implements PacketBody {
        /** Copies the list. */
        public Membership {
            groups = List.copyOf(groups);
        }

        /** A statement about an open group (or a join or leave, which never carry protection). */
        public Membership(NodeId member, GroupName group, List<GroupName> groups) {
            this(member, group, groups, null);
        }
    }

    /**
     * How a protected group's key is derived and checked: the creator's Argon2id costs, which
     * every joiner uses, and the verifier of the key (see {@link GroupKeys#verifier}).
     */
    public record Protection(KdfParams params, byte[] verifier) {
        /** Checks the verifier's length and copies it. */
        public Protection {
            Objects.requireNonNull(params, "params");
            if (verifier.length != GroupKeys.VERIFIER_LENGTH) {
                throw new IllegalArgumentException("verifier of " + verifier.length + " bytes");
            }
            verifier = verifier.clone();
        }

        @Override
        public byte[] verifier() {
            return verifier.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Protection p && params.equals(p.params)
                    && Arrays.equals(verifier, p.verifier);
        }

        @Override
        public int hashCode() {
            return params.hashCode() * 31 + Arrays.hashCode(verifier);
        }

        @Override
        public String toString() {
            return "Protection[" + params + "]";
        }
    }

    /**
     * GROUP: chat for the members of {@code group}, either as plain {@code text} (an open group)
     * or {@code sealed} (a protected group); exactly one of the two is set.
     */
    public record GroupMessage(GroupName group, String text, byte[] sealed)
            implements PacketBody {
        /** Checks that exactly one form is set. */
        public GroupMessage {
            Objects.requireNonNull(group, "group");
            if ((text == null) == (sealed == null)) {
                throw new IllegalArgumentException("a group message is either text or sealed");
            }
        }

        /** A plaintext message (an open group). */
        public GroupMessage(GroupName group, String text) {
            this(group, Objects.requireNonNull(text, "text"), null);
        }

        /** True if the content is sealed with the group key. */
        public boolean isSealed() {
            return sealed != null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GroupMessage m && group.equals(m.group)
                    && Objects.equals(text, m.text) && Arrays.equals(sealed, m.sealed);
        }

        @Override
        public int hashCode() {
            return group.hashCode() * 31 + (text != null ? text.hashCode()
                    : Arrays.hashCode(sealed));
        }
    }

    /** Encodes a membership body. */
    public static byte[] membership(Membership m) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            Protection protection = m.protection();
            p.packArrayHeader(protection == null ? 3 : 4);
            p.packBinaryHeader(NodeId.LENGTH).writePayload(m.member().bytes());
            p.packString(m.group().display());
            packGroups(p, m.groups());
            if (protection != null) {
                KdfParams k = protection.params();
                p.packArrayHeader(5).packString(ARGON2ID).packInt(k.memoryKiB())
                        .packInt(k.iterations()).packInt(k.parallelism());
                p.packBinaryHeader(GroupKeys.VERIFIER_LENGTH)
                        .writePayload(protection.verifier());
            }
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Encodes an open group's GROUP body. Nodes no longer send one (group messages are TOPIC
     * messages, see {@link ChatTopics#group}); this serves tests, vectors and tools that play an
     * older node.
     */
    public static byte[] groupMessage(GroupName group, String text) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(2).packString(group.display()).packString(text);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes a GROUP_CREATE, GROUP_JOIN or GROUP_LEAVE body. Only a creation's fourth field is
     * its protection; in a join or leave it is an extension and skipped.
     */
    public static Membership decodeMembership(Packet packet) throws PacketDecodeException {
        try (SchemaReader r = Bodies.bodyReader(packet)) {
            int n = r.arrayHeader(3, 3 + Bodies.MAX_EXTRA_FIELDS, "membership");
            NodeId member = NodeId.of(packet.frame(), r.binExact(NodeId.LENGTH, "member"));
            GroupName group = groupName(r.string(MAX_GROUP_BYTES, "group"));
            List<GroupName> groups = readGroups(r);
            Protection protection = null;
            int read = 3;
            if (n > 3 && packet.type() == PacketType.GROUP_CREATE) {
                protection = readProtection(r, packet.frame());
                read = 4;
            }
            r.skipValues(n - read, "membership extension");
            r.requireEnd("membership");
            return new Membership(member, group, groups, protection);
        }
    }

    private static Protection readProtection(SchemaReader r, byte[] data)
            throws PacketDecodeException {
        if (r.nextIsNil("protection")) {
            return null;
        }
        int n = r.arrayHeader(5, 5 + Bodies.MAX_EXTRA_FIELDS, "protection");
        String alg = r.string(32, "protection algorithm");
        if (!alg.equals(ARGON2ID)) {
            throw new PacketDecodeException("protection: unknown algorithm '" + alg + "'");
        }
        int memory = r.intValue(0, KdfParams.MAX_MEMORY_KIB, "argon2id memory");
        int iterations = r.intValue(0, KdfParams.MAX_ITERATIONS, "argon2id iterations");
        int parallelism = r.intValue(0, KdfParams.MAX_PARALLELISM, "argon2id parallelism");
        if (!KdfParams.isValid(memory, iterations, parallelism)) {
            throw new PacketDecodeException("protection: argon2id costs out of range");
        }
        int verifierAt = r.binExact(GroupKeys.VERIFIER_LENGTH, "verifier");
        r.skipValues(n - 5, "protection extension");
        return new Protection(new KdfParams(memory, iterations, parallelism),
                Arrays.copyOfRange(data, verifierAt, verifierAt + GroupKeys.VERIFIER_LENGTH));
    }

    /** Decodes a GROUP body in either form (see the class comment). */
    public static GroupMessage decodeGroupMessage(Packet packet) throws PacketDecodeException {
        try (SchemaReader r = Bodies.bodyReader(packet)) {
            int n = r.arrayHeader(2, 2 + Bodies.MAX_EXTRA_FIELDS, "group message");
            GroupName group = groupName(r.string(MAX_GROUP_BYTES, "group"));
            GroupMessage m;
            if (r.nextIsString("text")) {
                m = new GroupMessage(group, r.string(TextRules.MAX_TEXT_BYTES, "text"));
            } else {
                int length = r.binHeader(MAX_SEALED_BYTES, "sealed text");
                if (length < GroupKeys.OVERHEAD) {
                    throw new PacketDecodeException("sealed text shorter than its tag");
                }
                int at = r.skipPayload(length, "sealed text");
                m = new GroupMessage(group, null,
                        Arrays.copyOfRange(packet.frame(), at, at + length));
            }
            r.skipValues(n - 2, "group message extension");
            r.requireEnd("group message");
            return m;
        }
    }

    /**
     * Encodes a protected group's GROUP body around content sealed by the caller; like
     * {@link #groupMessage}, no longer sent by nodes.
     */
    public static byte[] sealedGroupMessage(GroupName group, byte[] sealed) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(2).packString(group.display());
            p.packBinaryHeader(sealed.length).writePayload(sealed);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a sealed GROUP body holds before sealing: {@code [text: str]}. */
    public static byte[] sealedContent(String text) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(1).packString(text);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes opened GROUP content into its text. */
    public static String decodeSealedContent(byte[] plain) throws PacketDecodeException {
        try (SchemaReader r = new SchemaReader(plain, 0, plain.length)) {
            int n = r.arrayHeader(1, 1 + Bodies.MAX_EXTRA_FIELDS, "group content");
            String text = r.string(TextRules.MAX_TEXT_BYTES, "text");
            r.skipValues(n - 1, "group content extension");
            r.requireEnd("group content");
            return text;
        }
    }

    static void packGroups(MessageBufferPacker p, List<GroupName> groups) throws IOException {
        p.packArrayHeader(groups.size());
        for (GroupName g : groups) {
            p.packString(g.display());
        }
    }

    /** Reads a group list; names must be valid and distinct. */
    static List<GroupName> readGroups(SchemaReader r) throws PacketDecodeException {
        List<String> names = r.stringList(MAX_WIRE_GROUPS, MAX_GROUP_BYTES, "groups");
        List<GroupName> out = new ArrayList<>(names.size());
        Set<GroupName> seen = new HashSet<>();
        for (String name : names) {
            GroupName g = groupName(name);
            if (!seen.add(g)) {
                throw new PacketDecodeException("groups: '" + name + "' listed twice");
            }
            out.add(g);
        }
        return out;
    }

    private static GroupName groupName(String name) throws PacketDecodeException {
        String problem = GroupName.problem(name);
        if (problem != null) {
            throw new PacketDecodeException("group name: " + problem);
        }
        return GroupName.of(name);
    }
}
