package dev.ghostmesh;

import java.time.Instant;
import java.util.Objects;

/**
 * A node known in the mesh from its signed announce. Immutable and thread-safe.
 *
 * @param id the node's id
 * @param username its announced username (a label, not unique)
 * @param codename its codename, derived from {@code id}
 * @param listenPort the port it announced (0 if it does not listen)
 * @param hops links between us when its last announce arrived (1 = direct peer)
 * @param lastSeen when we last heard from it, by this node's clock
 */
public record NodeInfo(NodeId id, String username, String codename, int listenPort, int hops,
        Instant lastSeen) {
    /** Validates that no field is null. */
    public NodeInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(codename, "codename");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
