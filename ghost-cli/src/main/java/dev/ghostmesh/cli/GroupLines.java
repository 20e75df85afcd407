package dev.ghostmesh.cli;

import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The chat's group screens: {@code /groups} ({@code * #Dev  3 members  (joined)}) and
 * {@code /mygroups} ({@code * #Dev  3 members: alice, bob, carol}), and the
 * {@code (protected)} mark every group line shares. The group actions are in
 * {@link GroupActions}.
 *
 * <p>Threading: called on the input thread (the mark on the listener thread too); prints
 * through the thread-safe {@link ChatView}.
 */
final class GroupLines {
    /** Member names listed per group by /mygroups before "... and N more". */
    static final int MAX_LISTED_MEMBERS = 20;

    private final MeshNode node;
    private final ChatView view;

    GroupLines(MeshNode node, ChatView view) {
        this.node = node;
        this.view = view;
    }

    static String protectedMark(GroupInfo g) {
        return g.protectedGroup() ? " (protected)" : "";
    }

    /** {@code * #Dev  3 members  (joined)} for every group known in the mesh. */
    void groups(List<GroupInfo> groups) {
        if (groups.isEmpty()) {
            view.system("no groups yet (/create <name> makes one)");
            return;
        }
        for (GroupInfo g : groups) {
            view.system(summary(g) + (g.joined() ? "  (joined)" : ""));
        }
    }

    /** {@code * #Dev  3 members: alice, bob, charlie} for the groups this node is in. */
    void myGroups(List<GroupInfo> groups) {
        List<GroupInfo> mine = groups.stream().filter(GroupInfo::joined)
                .collect(Collectors.toList());
        if (mine.isEmpty()) {
            view.system("you are in no groups (/join <name> or /create <name>)");
            return;
        }
        for (GroupInfo g : mine) {
            view.system(summary(g) + ": " + members(g));
        }
    }

    private String summary(GroupInfo g) {
        int n = g.memberCount();
        return "#" + Sanitizer.clean(g.name().display()) + protectedMark(g) + "  " + n
                + (n == 1 ? " member" : " members");
    }

    /** Member labels: us first, then the others by label. */
    private String members(GroupInfo g) {
        List<String> others = new ArrayList<>();
        for (NodeId id : g.members()) {
            if (!id.equals(node.id())) {
                others.add(view.label(id));
            }
        }
        others.sort(String.CASE_INSENSITIVE_ORDER.thenComparing(s -> s));
        List<String> all = new ArrayList<>();
        if (g.members().contains(node.id())) {
            all.add(view.self());
        }
        all.addAll(others);
        String listed = all.stream().limit(MAX_LISTED_MEMBERS).collect(Collectors.joining(", "));
        return all.size() > MAX_LISTED_MEMBERS
                ? listed + ", ... and " + (all.size() - MAX_LISTED_MEMBERS) + " more" : listed;
    }
}
