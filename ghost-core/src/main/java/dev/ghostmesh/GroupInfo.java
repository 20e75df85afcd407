package dev.ghostmesh;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A group known in the mesh, as this node sees it. Immutable and thread-safe.
 *
 * @param name the group's name, spelled as its creator wrote it
 * @param creator the node whose creation won (see PROTOCOL.md: earliest wins)
 * @param createdAt the creation time, by the creator's clock
 * @param members the nodes that are members, this node included if {@code joined}
 * @param joined true if this node is a member
 * @param protectedGroup true if the group is password-protected: its messages are encrypted
 *     with a key derived from the password, and joining takes the password
 */
public record GroupInfo(GroupName name, NodeId creator, Instant createdAt, Set<NodeId> members,
        boolean joined, boolean protectedGroup) {
    /** Copies the member set so the snapshot stays immutable. */
    public GroupInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(createdAt, "createdAt");
        members = Set.copyOf(members);
    }

    /** Number of members. */
    public int memberCount() {
        return members.size();
    }
}
