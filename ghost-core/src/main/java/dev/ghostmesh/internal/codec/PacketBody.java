package dev.ghostmesh.internal.codec;

import dev.ghostmesh.NodeId;

/**
 * The decoded body of a flooded packet of a known type: one of a closed set, decoded once, by
 * {@link #decode}, after the packet passed the router's checks. The router knows only whether a
 * body is {@link #addressedTo} this node; what a body means is the node's business.
 *
 * <p>Threading: implementations are immutable values.
 */
public sealed interface PacketBody permits AnnounceBody, Bodies.Broadcast, Bodies.Private,
        Bodies.Goodbye, GroupBodies.Membership, GroupBodies.GroupMessage, TopicBody,
        DirectBody {
    /**
     * True if a node with id {@code self} should act on the packet: every body but a private
     * box addressed to another node. Group messages count too; only the node knows whether it
     * is a member.
     */
    default boolean addressedTo(NodeId self) {
        return true;
    }

    /**
     * The body of {@code packet}, or null for a type this version does not know (relayed
     * unchanged, never shown).
     *
     * @throws PacketDecodeException if the body of a known type is malformed
     */
    static PacketBody decode(Packet packet) throws PacketDecodeException {
        return switch (packet.type()) {
            case PacketType.ANNOUNCE -> AnnounceBody.decode(packet);
            case PacketType.BROADCAST -> Bodies.decodeBroadcast(packet);
            case PacketType.PRIVATE -> Bodies.decodePrivate(packet);
            case PacketType.GOODBYE -> Bodies.decodeGoodbye(packet);
            case PacketType.GROUP_CREATE, PacketType.GROUP_JOIN, PacketType.GROUP_LEAVE ->
                    GroupBodies.decodeMembership(packet);
            case PacketType.GROUP -> GroupBodies.decodeGroupMessage(packet);
            case PacketType.TOPIC -> TopicBody.decode(packet);
            case PacketType.DIRECT -> DirectBody.decode(packet);
            default -> null;
        };
    }
}
