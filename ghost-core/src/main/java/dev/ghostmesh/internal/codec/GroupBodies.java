package dev.ghostmesh.internal.codec;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.NodeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Bodies of the group packets.
 *
 * <pre>
 * GROUP_CREATE, GROUP_JOIN, GROUP_LEAVE: [member: bin 16, group: str, groups: [str]]
 * GROUP:                                 [group: str, text: str]
 * </pre>
 *
 * A membership body names its member, which must be the packet's origin: only a node itself can
 * join or leave, and a body naming anyone else is rejected. {@code groups} is the member's whole
 * group list after the change, so the latest statement of a node alone decides its membership,
 * whatever order statements arrive in. Stateless.
 */
public final class GroupBodies {
    /** Most groups one statement may list, whatever a node's own limit (the wire bound). */
    public static final int MAX_WIRE_GROUPS = 1024;
    private static final int MAX_GROUP_BYTES = GroupName.MAX_LENGTH * 4 * 3;

    private GroupBodies() {}

    /**
     * A membership statement: {@code member} did something to {@code group} and is now in
     * exactly {@code groups}.
     */
    public record Membership(NodeId member, GroupName group, List<GroupName> groups) {
        /** Copies the list. */
        public Membership {
            groups = List.copyOf(groups);
        }
    }

    /** GROUP: chat text for the members of {@code group}. */
    public record GroupMessage(GroupName group, String text) {}

    /** Encodes a membership body. */
    public static byte[] membership(Membership m) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(3);
            p.packBinaryHeader(NodeId.LENGTH).writePayload(m.member().bytes());
            p.packString(m.group().display());
            packGroups(p, m.groups());
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encodes a GROUP body. */
    public static byte[] groupMessage(GroupName group, String text) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(2).packString(group.display()).packString(text);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes a GROUP_CREATE, GROUP_JOIN or GROUP_LEAVE body. */
    public static Membership decodeMembership(Packet packet) throws PacketDecodeException {
        try (SchemaReader r = Bodies.bodyReader(packet)) {
            int n = r.arrayHeader(3, 3 + Bodies.MAX_EXTRA_FIELDS, "membership");
            NodeId member = NodeId.of(packet.frame(), r.binExact(NodeId.LENGTH, "member"));
            GroupName group = groupName(r.string(MAX_GROUP_BYTES, "group"));
            List<GroupName> groups = readGroups(r);
            r.skipValues(n - 3, "membership extension");
            r.requireEnd("membership");
            return new Membership(member, group, groups);
        }
    }

    /** Decodes a GROUP body. */
    public static GroupMessage decodeGroupMessage(Packet packet) throws PacketDecodeException {
        try (SchemaReader r = Bodies.bodyReader(packet)) {
            int n = r.arrayHeader(2, 2 + Bodies.MAX_EXTRA_FIELDS, "group message");
            GroupName group = groupName(r.string(MAX_GROUP_BYTES, "group"));
            String text = r.string(TextRules.MAX_TEXT_BYTES, "text");
            r.skipValues(n - 2, "group message extension");
            r.requireEnd("group message");
            return new GroupMessage(group, text);
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
