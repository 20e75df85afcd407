package dev.ghostmesh.cli;

import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The username last heard from each node, so events about a node that already left can still
 * name it: the core reports a leaving node's "member left" after forgetting it, with its
 * codename instead of its name ("secret-jaguar left #Dev" for dave), and a receipt can time
 * out after its recipient left. Bounded to the {@value #CAPACITY} most recently heard nodes.
 *
 * <p>Threading: not thread-safe; used by one listener on the node's listener thread.
 */
final class RememberedNames {
    static final int CAPACITY = 1024;

    private final MeshNode node;
    private final Map<NodeId, String> lastNames = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NodeId, String> eldest) {
            return size() > CAPACITY;
        }
    };

    RememberedNames(MeshNode node) {
        this.node = node;
    }

    /** {@code id} was just heard calling itself {@code name}. */
    void heard(NodeId id, String name) {
        lastNames.put(id, name);
    }

    /** The name of this node or a known one, else the one remembered, else {@code fallback}. */
    String nameOf(NodeId id, String fallback) {
        if (id.equals(node.id())) {
            return node.username();
        }
        for (NodeInfo n : node.nodes()) {
            if (n.id().equals(id)) {
                return n.username();
            }
        }
        return lastNames.getOrDefault(id, fallback);
    }

    /** The name to show for a group member the core reported as {@code reported}. */
    String memberName(NodeId member, String reported) {
        if (reported.equals(member.codename())) {
            return nameOf(member, reported);
        }
        heard(member, reported);
        return reported;
    }
}
