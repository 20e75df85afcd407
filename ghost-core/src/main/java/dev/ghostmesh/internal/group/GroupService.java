package dev.ghostmesh.internal.group;

import dev.ghostmesh.GroupException.Reason;
import dev.ghostmesh.GroupException;
import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.Message;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.ChatTopics;
import dev.ghostmesh.internal.codec.GroupBodies.GroupMessage;
import dev.ghostmesh.internal.codec.GroupBodies.Membership;
import dev.ghostmesh.internal.codec.GroupBodies.Protection;
import dev.ghostmesh.internal.codec.GroupBodies;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.TextRules;
import dev.ghostmesh.internal.codec.TopicBody;
import dev.ghostmesh.internal.messaging.BuiltInTopics;
import dev.ghostmesh.internal.messaging.Outbox;
import dev.ghostmesh.internal.runtime.NodeContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Group operations: the public create/join/leave/send (handed to the node thread), and the
 * handling of group packets from the mesh. State lives in {@link GroupState}, the keys of
 * protected groups in a {@link GroupKeyring}; {@link PasswordGroups} runs the password flows,
 * {@link GroupChat} sends and shows messages (TOPIC messages on each group's topic), and
 * {@link GroupPersistence} keeps this node's groups across restarts (saved after each change
 * this node makes to its own membership).
 *
 * <p>Threading: public methods are callable from any thread; everything else runs on the node
 * thread.
 */
public final class GroupService {
    private final NodeContext node;
    private final GroupState state;
    private final GroupKeyring keyring;
    private final PasswordGroups passwords;
    private final GroupPersistence persistence;
    private final Function<Supplier<?>, CompletableFuture<?>> onNodeThread;
    private final Outbox outbox;
    private final GroupChat chat;
    private final Function<NodeId, String> names;
    private final Consumer<NodeId> membershipChanged;

    /**
     * @param topics where group messages are published (call {@link #onTopic} for those that
     *     arrive on the topics under {@link ChatTopics#GROUP_PREFIX})
     * @param names a member's name as the directory knows it
     * @param membershipChanged told when a node's groups change, so the directory shows them
     */
    public GroupService(NodeContext node, GroupState state,
            Function<Supplier<?>, CompletableFuture<?>> onNodeThread, Outbox outbox,
            BuiltInTopics topics, Function<NodeId, String> names,
            Consumer<NodeId> membershipChanged) {
        this.node = node;
        this.state = state;
        this.onNodeThread = onNodeThread;
        this.outbox = outbox;
        this.names = names;
        this.membershipChanged = membershipChanged;
        this.keyring = new GroupKeyring(node.config().maxGroupsPerNode());
        this.passwords = new PasswordGroups(this,
                new KeyDerivation(node.identity().id().shortHex()), node.loop());
        this.persistence = new GroupPersistence(node, state, keyring);
        this.chat = new GroupChat(node, state, keyring, topics, names);
    }

    /** Where this node's groups are kept across restarts (does nothing without a directory). */
    public GroupPersistence persistence() {
        return persistence;
    }

    /** Every group known in the mesh, sorted by name. Any thread. */
    public List<GroupInfo> view() {
        return state.view();
    }

    public CompletableFuture<GroupInfo> create(GroupName name) {
        Objects.requireNonNull(name, "name");
        return run(() -> createNow(name, null, null));
    }

    /** Creates a protected group; the key is derived off the node thread. */
    public CompletableFuture<GroupInfo> create(GroupName name, char[] password) {
        return passwords.create(name, password, node.config().groupKdf());
    }

    public CompletableFuture<GroupInfo> join(GroupName name) {
        Objects.requireNonNull(name, "name");
        return run(() -> {
            requireKnown(name);
            if (own().contains(name)) {
                throw new GroupException(Reason.ALREADY_A_MEMBER, name,
                        "already a member of " + state.info(name).name());
            }
            if (state.protection(name) != null) {
                throw new GroupException(Reason.PASSWORD_REQUIRED, name,
                        "#" + state.info(name).name() + " is protected: join it with its password");
            }
            Set<GroupName> after = withGroup(name);
            recordOwnStatement(outbox.originate(PacketType.GROUP_JOIN, membership(name, after)),
                    after);
            persistence.save();
            return state.info(name);
        });
    }

    /** Joins a protected group; the password is checked off the node thread. */
    public CompletableFuture<GroupInfo> join(GroupName name, char[] password) {
        return passwords.join(name, password);
    }

    GroupState state() {
        return state;
    }

    public GroupKeyring keyring() {
        return keyring;
    }

    Outbox outbox() {
        return outbox;
    }

    /** Stops deriving keys (the node is closing). Any thread. */
    public void close() {
        passwords.close();
    }

    /**
     * Fails unless {@code name} can be created here now: it is unknown, and neither the mesh's
     * group limit nor this node's is reached.
     */
    void checkCreatable(GroupName name) {
        if (state.exists(name)) {
            throw new GroupException(Reason.ALREADY_EXISTS, name, "group "
                    + state.info(name).name() + " already exists; join it instead");
        }
        if (state.full()) {
            throw new GroupException(Reason.LIMIT_REACHED, name,
                    "the mesh already has the most groups this node tracks");
        }
        withGroup(name);
    }

    /** Creates and joins {@code name}, protected if {@code protection} is set (with its key). */
    GroupInfo createNow(GroupName name, Protection protection, byte[] key) {
        checkCreatable(name);
        Set<GroupName> after = withGroup(name);
        List<GroupName> sorted = new ArrayList<>(after);
        sorted.sort(null);
        Packet p = outbox.originate(PacketType.GROUP_CREATE, GroupBodies.membership(
                new Membership(node.identity().id(), name, sorted, protection)));
        if (key != null) {
            keyring.put(name, key, protection);
        }
        // Membership first, so the group is never shown without its creator in it.
        recordOwnStatement(p, after);
        GroupInfo created = state.onCreation(new GroupState.Creation(name,
                node.identity().id(), p.timestamp(), p.id(), p, protection));
        persistence.save();
        node.listeners().publish(l -> l.onGroupCreated(created));
        return created;
    }

    public CompletableFuture<GroupInfo> leave(GroupName name) {
        Objects.requireNonNull(name, "name");
        return run(() -> {
            requireMember(name);
            Set<GroupName> after = new HashSet<>(own());
            after.remove(name);
            recordOwnStatement(outbox.originate(PacketType.GROUP_LEAVE, membership(name, after)),
                    after);
            keyring.remove(name);
            persistence.save();
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
            return chat.send(name, text);
        });
    }

    /** The groups this node is in. */
    public Set<GroupName> own() {
        return state.groupsOf(node.identity().id());
    }

    /** Applies a statement this node just signed (announce, create, join or leave). */
    public void recordOwnStatement(Packet p, Set<GroupName> groups) {
        publish(state.onStatement(node.identity().id(),
                new GroupState.Statement(p.timestamp(), p.id(), Set.copyOf(groups), p)));
    }

    /** A membership packet from the mesh, already checked to name its own origin. */
    public void onMembership(Packet p, Membership m) {
        // Membership first, so the group is never shown without its creator in it.
        onStatement(p, Set.copyOf(m.groups()));
        if (p.type() == PacketType.GROUP_CREATE) {
            GroupInfo created = state.onCreation(new GroupState.Creation(m.group(), p.origin(),
                    p.timestamp(), p.id(), p, m.protection()));
            if (created != null) {
                node.listeners().publish(l -> l.onGroupCreated(created));
            }
        }
    }

    /** A statement from the mesh (announce or membership packet). */
    public void onStatement(Packet p, Set<GroupName> groups) {
        if (groups.size() <= node.config().maxGroupsPerNode()) {
            boolean hadNone = state.groupsOf(p.origin()).isEmpty();
            publish(state.onStatement(p.origin(),
                    new GroupState.Statement(p.timestamp(), p.id(), groups, p)));
            if (hadNone && !groups.isEmpty()) {
                // A node back in the mesh in the same groups raises no change, but the directory
                // entry made from its announce a moment ago must show its groups.
                membershipChanged.accept(p.origin());
            }
        }
    }

    /**
     * A message on a group topic: shown only if this node is in that group now (and see
     * {@link GroupChat}); a topic of no group of this node's is only relayed.
     */
    public void onTopic(Packet p, TopicBody body) {
        GroupName group = state.ownGroupOnTopic(body.topic());
        if (group != null) {
            chat.onTopic(p, group, body.payload());
        }
    }

    /** A GROUP packet (an older node's): shown by the same rules as {@link #onTopic}. */
    public void onGroupMessage(Packet p, GroupMessage m) {
        if (own().contains(m.group())) {
            chat.onGroupMessage(p, m);
        }
    }

    /**
     * Forgets a node that left the mesh (goodbye or silence). Leaving the mesh is not leaving
     * its groups: no member events now, and none when it comes back in the same groups.
     */
    public void forget(NodeId id) {
        state.forget(id);
    }

    public List<Packet> packets() {
        return state.packets();
    }

    private void publish(List<GroupState.Change> changes) {
        for (GroupState.Change c : changes) {
            membershipChanged.accept(c.member());
            String name = c.member().equals(node.identity().id()) ? node.username()
                    : names.apply(c.member());
            if (c.joined()) {
                node.listeners().publish(l -> l.onMemberJoined(c.group(), c.member(), name));
            } else {
                node.listeners().publish(l -> l.onMemberLeft(c.group(), c.member(), name));
            }
        }
    }

    /** {@link #own()} plus {@code name}; fails if this node is in as many groups as it may be. */
    Set<GroupName> withGroup(GroupName name) {
        if (own().size() >= node.config().maxGroupsPerNode()) {
            throw new GroupException(Reason.LIMIT_REACHED, name, "already in "
                    + own().size() + " groups, the most a node may join");
        }
        Set<GroupName> after = new HashSet<>(own());
        after.add(name);
        return after;
    }

    /** A membership body: this node is now in {@code after}, having changed {@code name}. */
    byte[] membership(GroupName name, Set<GroupName> after) {
        List<GroupName> sorted = new ArrayList<>(after);
        sorted.sort(null);
        return GroupBodies.membership(new Membership(node.identity().id(), name, sorted));
    }

    void requireKnown(GroupName name) {
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

    /** Runs {@code work} on the node thread; the future completes off it. */
    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> run(Supplier<T> work) {
        return (CompletableFuture<T>) onNodeThread.apply(work);
    }
}
