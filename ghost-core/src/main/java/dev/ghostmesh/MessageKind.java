package dev.ghostmesh;

/** What kind of chat message a {@link Message} is. Immutable and thread-safe. */
public enum MessageKind {
    /** Sent to every node in the mesh. */
    BROADCAST,
    /** Sent to one node; shown only there, relayed by the others. */
    PRIVATE,
    /** Sent to a group; shown by its members, relayed by everyone. */
    GROUP
}
