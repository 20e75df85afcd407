package dev.ghostmesh;

/**
 * Receives a node's events. Every method has an empty default, so implement only what you need.
 *
 * <p>Threading: callbacks run one at a time, in event order, on the node's listener executor
 * (by default one daemon thread per node; a game may pass its own queue), never on the node
 * thread or an I/O thread. A listener that throws is logged and counted, and the other
 * listeners still receive the event. Blocking in a callback delays later events for every
 * listener of that node, but never stalls routing.
 */
public interface MeshListener {
    /** A chat message meant for this node arrived (never called for our own messages). */
    default void onMessage(Message message) {}

    /**
     * A private message this node sent was opened by its recipient: its sealed receipt came
     * back. {@code message} is the message as returned by {@code sendPrivate}.
     */
    default void onPrivateDelivered(Message message) {}

    /**
     * No receipt came back for a private message this node sent within the receipt timeout
     * (default 30 s): the recipient may be unreachable, or its receipt was lost.
     */
    default void onPrivateUndelivered(Message message, String reason) {}

    /** A direct link to {@code peer} was authenticated. */
    default void onPeerConnected(PeerInfo peer) {}

    /** The direct link to {@code peer} closed; {@code reason} is a short user-facing text. */
    default void onPeerDisconnected(PeerInfo peer, String reason) {}

    /** A node was heard of for the first time (or again after it left). */
    default void onNodeDiscovered(NodeInfo node) {}

    /**
     * A node was removed from the directory: it said goodbye, or was not heard from for three
     * announce intervals. {@code reason} is a short user-facing text.
     */
    default void onNodeLeft(NodeInfo node, String reason) {}

    /** A group was heard of for the first time (created here or anywhere in the mesh). */
    default void onGroupCreated(GroupInfo group) {}

    /** {@code member} (possibly this node) joined {@code group}; {@code group} is up to date. */
    default void onMemberJoined(GroupInfo group, NodeId member, String memberName) {}

    /**
     * {@code member} (possibly this node) left {@code group}. A node that leaves the mesh (see
     * {@link #onNodeLeft}) drops out of its groups' member lists without this event, and is back
     * in them without {@link #onMemberJoined} when it returns in the same groups: a restart is
     * not a leave and a join. Only changes made while it was away are reported on its return.
     */
    default void onMemberLeft(GroupInfo group, NodeId member, String memberName) {}
}
