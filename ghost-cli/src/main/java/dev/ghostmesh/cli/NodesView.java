package dev.ghostmesh.cli;

import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The mesh directory screens: {@code /nodes} (every node we know of, one line each) and
 * {@code /whois <user>} (everything known about one node, resolved by
 * {@link InfoActions#whois}). Every line starts with {@code "* "}.
 *
 * <p>Threading: called by the input thread; reads the node's snapshots, which never block.
 */
final class NodesView {
    /** Nodes listed by /nodes before "... and N more". */
    static final int MAX_LISTED_NODES = 200;

    private final MeshNode node;
    private final ChatView view;
    private final Supplier<Instant> clock;

    NodesView(MeshNode node, ChatView view, Supplier<Instant> clock) {
        this.node = node;
        this.view = view;
        this.clock = clock;
    }

    /**
     * {@code * bob#1234abcd  direct  seen 3s ago}, {@code * carol#...  2 hops via bob#...},
     * {@code * dave#...  unreachable  seen 5s ago}.
     */
    void nodes(List<NodeInfo> nodes) {
        if (nodes.isEmpty()) {
            view.system("no other nodes known (use /connect <host> [port])");
            return;
        }
        Instant now = clock.get();
        for (int i = 0; i < nodes.size() && i < MAX_LISTED_NODES; i++) {
            NodeInfo n = nodes.get(i);
            view.system(UserResolver.qualified(n.username(), n.id()) + "  " + route(n)
                    + "  seen " + ago(n.lastSeen(), now));
        }
        if (nodes.size() > MAX_LISTED_NODES) {
            view.system("... and " + (nodes.size() - MAX_LISTED_NODES) + " more");
        }
    }

    /** {@code /whois} of another node: everything known about {@code n}. */
    void describe(NodeInfo n) {
        view.system("whois " + UserResolver.qualified(n.username(), n.id()));
        view.system("  ID: " + n.id().hex());
        view.system("  codename: " + Sanitizer.clean(n.codename()));
        // The group table, not n.groups(): the latter follows announces only, so it lags a
        // /join or /leave by up to an announce interval, and /groups shows the table.
        view.system("  groups: " + groups(node.groups().stream()
                .filter(g -> g.members().contains(n.id())).map(GroupInfo::name)
                .collect(Collectors.toList())));
        view.system("  reached: " + reached(n));
        view.system("  addresses: " + (n.addresses().isEmpty() ? "none announced"
                : addresses(n.addresses())) + (n.listenPort() > 0
                        ? "  (listens on port " + n.listenPort() + ")" : "  (does not listen)"));
        view.system("  seen " + ago(n.lastSeen(), clock.get()));
    }

    /** {@code /whois} of this node. */
    void describeSelf() {
        view.system("whois " + UserResolver.qualified(node.username(), node.id()) + "  (you)");
        view.system("  ID: " + node.id().hex());
        view.system("  codename: " + Sanitizer.clean(node.identity().codename()));
        view.system("  groups: " + groups(node.groups().stream().filter(GroupInfo::joined)
                .map(GroupInfo::name).collect(Collectors.toList())));
        view.system("  listening on: " + node.status().listening().stream()
                .map(StatusView::where).collect(Collectors.joining(", ")));
    }

    /** {@code direct}, {@code 2 hops via bob#1234abcd} or {@code unreachable}. */
    String route(NodeInfo n) {
        if (n.direct()) {
            return "direct";
        }
        if (!n.reachable()) {
            return "unreachable";
        }
        return n.hops() + " hops" + n.via().map(v -> " via " + qualified(v)).orElse("");
    }

    /** How {@code n} is reached, with the address of the link when it is a direct peer. */
    private String reached(NodeInfo n) {
        if (!n.reachable()) {
            // Still known: it may be up behind a link that is gone; it is forgotten if it stays
            // silent, and reachable again as soon as a link brings its announce.
            return "unreachable (no link leads to it now)";
        }
        if (!n.direct()) {
            return route(n);
        }
        for (PeerInfo p : node.peers()) {
            if (p.id().equals(n.id())) {
                return "direct, " + Sanitizer.clean(Addresses.show(p.address()))
                        + (p.inbound() ? " (inbound)" : " (outbound)");
            }
        }
        return "direct";
    }

    private String qualified(NodeId id) {
        for (NodeInfo n : node.nodes()) {
            if (n.id().equals(id)) {
                return UserResolver.qualified(n.username(), id);
            }
        }
        return UserResolver.qualified(id.codename(), id);
    }

    private String groups(Collection<GroupName> groups) {
        if (groups.isEmpty()) {
            return "none";
        }
        return groups.stream().sorted().map(g -> "#" + view.groupName(g))
                .collect(Collectors.joining(", "));
    }

    private static String addresses(List<PeerAddress> addresses) {
        return addresses.stream().map(a -> Sanitizer.clean(Addresses.show(a)))
                .collect(Collectors.joining(", "));
    }

    /** {@code 12s ago}, {@code 4m ago}, {@code 3h ago}, {@code 2d ago}; never negative. */
    static String ago(Instant then, Instant now) {
        long s = Math.max(0, Duration.between(then, now).getSeconds());
        if (s < 60) {
            return s + "s ago";
        }
        if (s < 3600) {
            return s / 60 + "m ago";
        }
        if (s < 86_400) {
            return s / 3600 + "h ago";
        }
        return s / 86_400 + "d ago";
    }
}
