package dev.ghostmesh;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A node known in the mesh from its signed announce. Immutable and thread-safe.
 *
 * @param id the node's id
 * @param username its announced username (a label, not unique)
 * @param codename its codename, derived from {@code id}
 * @param listenPort the port it announced (0 if it does not listen)
 * @param addresses the addresses it announced it can be reached at
 * @param groups the groups it is a member of, by its latest signed statement
 * @param hops links between us on the shortest way its latest announce came (1 = direct peer);
 *     0 when it is unreachable: every link its announce came through has closed since. It
 *     stays known until it announces again through a live link, or is forgotten for silence
 * @param via the direct peer that shortest way leads through; empty for direct peers and for
 *     unreachable nodes
 * @param lastSeen when we last heard something new from it, by this node's clock
 * @param topics the topics it subscribes to, by its latest announce
 */
public record NodeInfo(NodeId id, String username, String codename, int listenPort,
        List<PeerAddress> addresses, Set<GroupName> groups, int hops, Optional<NodeId> via,
        Instant lastSeen, Set<String> topics) {
    /** Validates that no field is null and copies the collections. */
    public NodeInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(codename, "codename");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(lastSeen, "lastSeen");
        if (hops < 0) {
            throw new IllegalArgumentException("hops " + hops);
        }
        addresses = List.copyOf(addresses);
        groups = Set.copyOf(groups);
        topics = Set.copyOf(topics);
    }

    /** True if this node is linked to us directly. */
    public boolean direct() {
        return hops == 1;
    }

    /** False if no link of ours leads to this node now ({@code hops} is 0). */
    public boolean reachable() {
        return hops > 0;
    }
}
