package dev.ghostmesh.internal.group;

import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.GroupBodies.Protection;
import dev.ghostmesh.internal.codec.Packet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups and their members, as a state every node converges to without coordination.
 *
 * <ul>
 *   <li>Creations form a grow-only set keyed by normalized name; when the same name was created
 *       twice (say, in two partitions), the creation with the earliest timestamp wins, then the
 *       smaller creator id, then the smaller message id. Its spelling and creator are shown;
 *       members of both are members of the one group. Whether the group is password-protected,
 *       and with which costs and verifier, is the winning creation's too.
 *   <li>Each node's membership is the group list of its latest signed statement (announce,
 *       create, join or leave), ordered by the origin's timestamp, then message id. Statements
 *       carry the whole list, so the order they arrive in does not matter.
 * </ul>
 * Both are merges that are commutative, associative and idempotent, so any two nodes that have
 * seen the same packets, in any order, hold the same state.
 *
 * <p>A node that leaves the mesh (goodbye or silence) drops out of the member lists, but its
 * groups are remembered (as many nodes as {@code maxNodes}, the longest gone forgotten first):
 * leaving the mesh is not leaving a group, so neither that nor coming back in the same groups
 * (a restart) is reported as a change; what changed while it was away is.
 *
 * <p>Threading: confined to the node thread, except {@link #view()} which reads a snapshot.
 */
public final class GroupState {
    /** A creation record; {@code protection} is null for an open group. */
    record Creation(GroupName name, NodeId creator, long timestamp, MessageId id, Packet packet,
            Protection protection) {
        Creation(GroupName name, NodeId creator, long timestamp, MessageId id, Packet packet) {
            this(name, creator, timestamp, id, packet, null);
        }

        boolean beats(Creation other) {
            if (timestamp != other.timestamp) {
                return timestamp < other.timestamp;
            }
            int c = creator.compareTo(other.creator);
            if (c != 0) {
                return c < 0;
            }
            return compareIds(id, other.id) < 0;
        }
    }

    /** A node's latest membership statement. */
    record Statement(long timestamp, MessageId id, Set<GroupName> groups, Packet packet) {
        boolean newerThan(Statement other) {
            return timestamp != other.timestamp ? timestamp > other.timestamp
                    : compareIds(id, other.id) > 0;
        }
    }

    /** What changed in one update, for listener events. */
    record Change(GroupInfo group, NodeId member, boolean joined) {}

    private final NodeId self;
    private final int maxGroups;
    private final int maxNodes;
    private final Map<GroupName, Creation> creations = new HashMap<>();
    private final Map<NodeId, Statement> statements = new HashMap<>();
    private final Map<GroupName, Set<NodeId>> members = new HashMap<>();
    private final Absent absent;
    private final OwnGroupTopics ownTopics = new OwnGroupTopics();
    private volatile List<GroupInfo> view = List.of();
    private long rejectedFull;

    public GroupState(NodeId self, int maxGroups, int maxNodes) {
        this.self = self;
        this.maxGroups = maxGroups;
        this.maxNodes = maxNodes;
        this.absent = new Absent(maxNodes);
    }

    List<GroupInfo> view() {
        return view;
    }

    long rejectedFull() {
        return rejectedFull;
    }

    /** True if no further group can be created here. */
    boolean full() {
        return creations.size() >= maxGroups;
    }

    boolean exists(GroupName name) {
        return creations.containsKey(name);
    }

    /** The groups {@code node} is in (empty if it made no statement). */
    public Set<GroupName> groupsOf(NodeId node) {
        Statement s = statements.get(node);
        return s == null ? Set.of() : s.groups();
    }

    /** The group this node is in whose messages travel on {@code topic}, or null. */
    GroupName ownGroupOnTopic(String topic) {
        return ownTopics.group(topic);
    }

    /** The winning creation's protection; null for an open (or unknown) group. */
    Protection protection(GroupName name) {
        Creation c = creations.get(name);
        return c == null ? null : c.protection();
    }

    /** The group as shown, or null if no creation is known. */
    GroupInfo info(GroupName name) {
        Creation c = creations.get(name);
        if (c == null) {
            return null;
        }
        Set<NodeId> m = members.getOrDefault(name, Set.of());
        return new GroupInfo(c.name(), c.creator(), Instant.ofEpochMilli(c.timestamp()), m,
                m.contains(self), c.protection() != null);
    }

    /** Records a creation; returns the group if it is new here, else null. */
    GroupInfo onCreation(Creation c) {
        Creation old = creations.get(c.name());
        if (old == null && creations.size() >= maxGroups) {
            rejectedFull++;
            return null;
        }
        if (old == null || c.beats(old)) {
            creations.put(c.name(), c);
            publish();
        }
        return old == null ? info(c.name()) : null;
    }

    /**
     * Applies a statement if it is the node's newest; returns the membership changes in groups
     * with a known creation (empty if the statement was old or changed nothing). For a node back
     * in the mesh, the changes are those since it left: leaving the mesh and coming back in the
     * same groups (a restart) is no leave and no join.
     */
    List<Change> onStatement(NodeId node, Statement s) {
        Statement old = statements.get(node);
        if (old != null && !s.newerThan(old)) {
            return List.of();
        }
        if (old == null && statements.size() >= maxNodes) {
            rejectedFull++;
            return List.of();
        }
        statements.put(node, s);
        if (old == null) {
            Set<GroupName> before = absent.remove(node);
            if (before != null) {
                apply(node, Set.of(), s.groups());
                return changes(node, before, s.groups());
            }
        }
        return apply(node, old == null ? Set.of() : old.groups(), s.groups());
    }

    /**
     * Forgets a node's membership (it left the mesh: goodbye or silence) without reporting it
     * as leaves; its groups are remembered, bounded, so its return is no join either.
     */
    void forget(NodeId node) {
        Statement old = statements.remove(node);
        if (old != null) {
            apply(node, old.groups(), Set.of());
            absent.put(node, old.groups());
        }
    }

    /**
     * Sets what a restarting node saved, before anything else happens: its own groups (as a
     * statement older than any it will sign) and what it knew of other members, as if they had
     * left the mesh, so their statements arriving now are not reported as joins.
     */
    void restore(Set<GroupName> own, Map<NodeId, Set<GroupName>> others) {
        statements.put(self, new Statement(Long.MIN_VALUE, new MessageId(0, 0), own, null));
        apply(self, Set.of(), own);
        others.forEach((id, groups) -> {
            if (!id.equals(self) && !statements.containsKey(id)) {
                absent.put(id, groups);
            }
        });
    }

    /** What is known of other nodes' membership in {@code groups}, present or not. */
    Map<NodeId, Set<GroupName>> membersOf(Set<GroupName> groups) {
        Map<NodeId, Set<GroupName>> out = new HashMap<>();
        absent.forEach((id, in) -> add(out, id, in, groups));
        statements.forEach((id, st) -> add(out, id, st.groups(), groups));
        out.remove(self);
        return out;
    }

    private static void add(Map<NodeId, Set<GroupName>> out, NodeId id, Set<GroupName> in,
            Set<GroupName> groups) {
        Set<GroupName> common = new HashSet<>(in);
        common.retainAll(groups);
        if (!common.isEmpty()) {
            out.put(id, common);
        }
    }

    /** The winning creation of {@code name}, or null. */
    Creation creation(GroupName name) {
        return creations.get(name);
    }

    /** Every creation and every node's latest statement, for bringing a new link up to date. */
    List<Packet> packets() {
        List<Packet> out = new ArrayList<>(creations.size() + statements.size());
        creations.values().forEach(c -> out.add(c.packet()));
        statements.values().forEach(s -> {
            if (s.packet() != null) {
                out.add(s.packet());
            }
        });
        return out;
    }

    private List<Change> apply(NodeId node, Set<GroupName> before, Set<GroupName> after) {
        if (node.equals(self)) {
            ownTopics.update(before, after);
        }
        boolean touched = false;
        for (GroupName g : union(before, after)) {
            boolean is = after.contains(g);
            if (before.contains(g) != is) {
                Set<NodeId> m = members.computeIfAbsent(g, k -> new HashSet<>());
                if (is) {
                    m.add(node);
                } else {
                    m.remove(node);
                    if (m.isEmpty()) {
                        members.remove(g);
                    }
                }
                touched = true;
            }
        }
        if (!touched) {
            return List.of();
        }
        publish();
        return changes(node, before, after);
    }

    /** The changes from {@code before} to {@code after}, in groups with a known creation. */
    private List<Change> changes(NodeId node, Set<GroupName> before, Set<GroupName> after) {
        List<Change> out = new ArrayList<>();
        for (GroupName g : union(before, after)) {
            GroupInfo info = before.contains(g) != after.contains(g) ? info(g) : null;
            if (info != null) {
                out.add(new Change(info, node, after.contains(g)));
            }
        }
        return out;
    }

    private static Set<GroupName> union(Set<GroupName> a, Set<GroupName> b) {
        Set<GroupName> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Groups of nodes that left the mesh, least recently gone evicted first. */
    private static final class Absent extends LinkedHashMap<NodeId, Set<GroupName>> {
        private static final long serialVersionUID = 1L;
        private final int max;

        Absent(int max) {
            this.max = max;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<NodeId, Set<GroupName>> eldest) {
            return size() > max;
        }
    }

    private void publish() {
        List<GroupInfo> list = new ArrayList<>(creations.size());
        creations.keySet().forEach(g -> list.add(info(g)));
        list.sort(Comparator.comparing(GroupInfo::name));
        view = List.copyOf(list);
    }

    static int compareIds(MessageId a, MessageId b) {
        int c = Long.compareUnsigned(a.high(), b.high());
        return c != 0 ? c : Long.compareUnsigned(a.low(), b.low());
    }
}
