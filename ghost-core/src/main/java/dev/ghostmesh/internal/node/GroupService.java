package dev.ghostmesh.internal.node;

import dev.ghostmesh.GroupException;
import dev.ghostmesh.GroupException.Reason;
import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.GroupBodies;
import dev.ghostmesh.internal.codec.GroupBodies.GroupMessage;
import dev.ghostmesh.internal.codec.GroupBodies.Membership;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.TextRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Group operations: the public create/join/leave/send (handed to the node thread), and the
 * handling of group packets from the mesh. State lives in {@link GroupState}.
 *
 * <p>Threading: public methods are callable from any thread; everything else runs on the node
 * thread.
 */
public final class GroupService {
    private final NodeContext node;
    private final GroupState state;
    private final Function<Supplier<?>, CompletableFuture<?>> onNodeThread;
    private Outbox outbox;
    private Function<NodeId, String> names = NodeId::codename;
    private Runnable membershipChanged = () -> { };

    GroupService(NodeContext node, GroupState state,
            Function<Supplier<?>, CompletableFuture<?>> onNodeThread) {
        this.node = node;
        this.state = state;
        this.onNodeThread = onNodeThread;
    }

    void wire(Outbox outbox, Function<NodeId, String> names, Runnable membershipChanged) {
        this.outbox = outbox;
        this.names = names;
        this.membershipChanged = membershipChanged;
    }

    /** Every group known in the mesh, sorted by name. Any thread. */
    public List<GroupInfo> view() {
        return state.view();
    }

    public CompletableFuture<GroupInfo> create(GroupName name) {
        Objects.requireNonNull(name, "name");
        return run(() -> {
            if (state.exists(name)) {
                throw new GroupException(Reason.ALREADY_EXISTS, name, "group "
                        + state.info(name).name() + " already exists; join it instead");
            }
            if (state.full()) {
                throw new GroupException(Reason.LIMIT_REACHED, name,
                        "the mesh already has the most groups this node tracks");
            }
            Set<GroupName> after = withGroup(name);
            Packet p = outbox.originate(PacketType.GROUP_CREATE, membership(name, after));
            // Membership first, so the group is never shown without its creator in it.
            recordOwnStatement(p, after);
            GroupInfo created = state.onCreation(new GroupState.Creation(name,
                    node.identity().nodeId(), p.timestamp(), p.id(), p));
            node.listeners().publish(l -> l.onGroupCreated(created));
            return created;
        });
    }

    public CompletableFuture<GroupInfo> join(GroupName name) {
        Objects.requireNonNull(name, "name");
        return run(() -> {
            requireKnown(name);
            if (own().contains(name)) {
                throw new GroupException(Reason.ALREADY_A_MEMBER, name,
                        "already a member of " + state.info(name).name());
            }
            Set<GroupName> after = withGroup(name);
            recordOwnStatement(outbox.originate(PacketType.GROUP_JOIN, membership(name, after)),
                    after);
            return state.info(name);
        });
    }

    public CompletableFuture<GroupInfo> leave(GroupName name) {
        Objects.requireNonNull(name, "name");
        return run(() -> {
            requireMember(name);
            Set<GroupName> after = new HashSet<>(own());
            after.remove(name);
            recordOwnStatement(outbox.originate(PacketType.GROUP_LEAVE, membership(name, after)),
                    after);
            return state.info(name);
        });
    }

    public CompletableFuture<Message> send(GroupName name, String text) {
        Objects.requireNonNull(name, "name");
        String problem = TextRules.textProblem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return run(() -> {
            requireMember(name);
            GroupName shown = state.info(name).name();
            Packet p = outbox.originate(PacketType.GROUP, GroupBodies.groupMessage(shown, text));
            node.counters().sent.incrementAndGet();
            return new Message(p.id(), MessageKind.GROUP, node.identity().nodeId(),
                    node.username(), Optional.empty(), Optional.of(shown), text,
                    Instant.ofEpochMilli(p.timestamp()), 0);
        });
    }

    /** The groups this node is in. */
    Set<GroupName> own() {
        return state.groupsOf(node.identity().nodeId());
    }

    /** Applies a statement this node just signed (announce, create, join or leave). */
    void recordOwnStatement(Packet p, Set<GroupName> groups) {
        publish(state.onStatement(node.identity().nodeId(),
                new GroupState.Statement(p.timestamp(), p.id(), Set.copyOf(groups), p)));
    }

    /** A membership packet from the mesh, already checked to name its own origin. */
    void onMembership(Packet p, Membership m) {
        // Membership first, so the group is never shown without its creator in it.
        onStatement(p, Set.copyOf(m.groups()));
        if (p.type() == PacketType.GROUP_CREATE) {
            GroupInfo created = state.onCreation(
                    new GroupState.Creation(m.group(), p.origin(), p.timestamp(), p.id(), p));
            if (created != null) {
                node.listeners().publish(l -> l.onGroupCreated(created));
            }
        }
    }

    /** A statement from the mesh (announce or membership packet). */
    void onStatement(Packet p, Set<GroupName> groups) {
        if (groups.size() <= node.config().maxGroupsPerNode()) {
            publish(state.onStatement(p.origin(),
                    new GroupState.Statement(p.timestamp(), p.id(), groups, p)));
        }
    }

    /** A group message: shown only if this node is a member. */
    void onGroupMessage(Packet p, GroupMessage m) {
        if (!own().contains(m.group())) {
            return;
        }
        GroupInfo info = state.info(m.group());
        GroupName shown = info != null ? info.name() : m.group();
        Message msg = new Message(p.id(), MessageKind.GROUP, p.origin(), names.apply(p.origin()),
                Optional.empty(), Optional.of(shown), m.text(),
                Instant.ofEpochMilli(p.timestamp()), p.hops());
        node.counters().delivered.incrementAndGet();
        node.listeners().publish(l -> l.onMessage(msg));
    }

    /** Forgets a node that left the mesh. */
    void forget(NodeId id) {
        publish(state.forget(id));
    }

    List<Packet> packets() {
        return state.packets();
    }

    private void publish(List<GroupState.Change> changes) {
        if (!changes.isEmpty()) {
            membershipChanged.run();
        }
        for (GroupState.Change c : changes) {
            String name = c.member().equals(node.identity().nodeId()) ? node.username()
                    : names.apply(c.member());
            if (c.joined()) {
                node.listeners().publish(l -> l.onMemberJoined(c.group(), c.member(), name));
            } else {
                node.listeners().publish(l -> l.onMemberLeft(c.group(), c.member(), name));
            }
        }
    }

    private Set<GroupName> withGroup(GroupName name) {
        if (own().size() >= node.config().maxGroupsPerNode()) {
            throw new GroupException(Reason.LIMIT_REACHED, name, "already in "
                    + own().size() + " groups, the most a node may join");
        }
        Set<GroupName> after = new HashSet<>(own());
        after.add(name);
        return after;
    }

    private byte[] membership(GroupName name, Set<GroupName> after) {
        List<GroupName> sorted = new ArrayList<>(after);
        sorted.sort(null);
        return GroupBodies.membership(new Membership(node.identity().nodeId(), name, sorted));
    }

    private void requireKnown(GroupName name) {
        if (!state.exists(name)) {
            throw new GroupException(Reason.UNKNOWN_GROUP, name,
                    "no group named " + name + " is known in the mesh");
        }
    }

    private void requireMember(GroupName name) {
        requireKnown(name);
        if (!own().contains(name)) {
            throw new GroupException(Reason.NOT_A_MEMBER, name,
                    "not a member of " + state.info(name).name());
        }
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> run(Supplier<T> work) {
        return (CompletableFuture<T>) onNodeThread.apply(work);
    }
}
