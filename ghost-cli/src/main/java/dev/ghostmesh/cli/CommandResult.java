package dev.ghostmesh.cli;

import dev.ghostmesh.ConnectionInfo;
import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.NodeStatus;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What a command did, as data: {@link ChatRenderer} prints it as chat lines and
 * {@link JsonRenderer} writes it as the fields of an {@code ok} reply. Snapshots are taken when
 * the command ran, so both renderings describe the same moment.
 *
 * <p>Threading: immutable records (the futures complete on the node's threads); made and
 * rendered on the input thread.
 */
sealed interface CommandResult {
    /** A broadcast went out. */
    record Sent(Message message) implements CommandResult {}

    /** A broadcast or group line was held for want of a peer (the chat only). */
    record Queued() implements CommandResult {}

    /** A private message went out to {@code to}. */
    record PrivateSent(Message message, NodeInfo to) implements CommandResult {}

    /** A group message went out; {@code group} as the mesh spells it. */
    record GroupSent(Message message, GroupName name, String group) implements CommandResult {}

    /**
     * What {@code query} found in the history, oldest first; {@code peer} is the node of a
     * conversation asked for (perhaps one no longer in the mesh), else null; {@code names}
     * the known names of the nodes our own private messages among the entries went to.
     */
    record History(List<HistoryEntry> entries, HistoryQuery query, NodeInfo peer,
            Map<NodeId, String> names) implements CommandResult {}

    /** A group was created ({@code created}) or joined. */
    record GroupJoined(GroupInfo group, boolean created) implements CommandResult {}

    /** A group was left. */
    record GroupLeft(GroupInfo group) implements CommandResult {}

    /**
     * {@code address} is kept now; {@code first} is the first dial, {@code before} the peers
     * linked when it started (a dial that finds one of them linked already says so).
     */
    record Connecting(PeerAddress address, CompletableFuture<PeerInfo> first,
            Set<NodeId> before) implements CommandResult {}

    /** Every link to {@code target} was closed. */
    record DisconnectedUser(NodeInfo target) implements CommandResult {}

    /** {@code address} is no longer kept or linked; see {@link DisconnectCommand}. */
    record DisconnectedAddress(PeerAddress address, DisconnectCommand.AddressDisconnect done)
            implements CommandResult {}

    /** The direct links and the kept addresses. */
    record Peers(List<PeerInfo> peers, List<ConnectionInfo> connections)
            implements CommandResult {}

    /** The other nodes known, with the group table (for their memberships). */
    record Nodes(List<NodeInfo> nodes, List<GroupInfo> groups) implements CommandResult {}

    /** One node; null {@code node} for this node itself. */
    record Whois(NodeInfo node, List<GroupInfo> groups) implements CommandResult {}

    /** Every group known ({@code mine}: only the joined ones, with members). */
    record Groups(List<GroupInfo> groups, boolean mine) implements CommandResult {}

    /** This node's status. */
    record Status(NodeStatus status) implements CommandResult {}

    /** The command list, or the help of {@code command} when not null. */
    record Help(CommandSpec command) implements CommandResult {}

    /** Bytes published on a topic; {@code text} the payload as text, or null for bytes. */
    record Published(MessageId id, String topic, String text, int size)
            implements CommandResult {}

    /** A direct message on {@code topic} reached {@code to}, which confirmed it. */
    record DirectSent(MessageId id, NodeInfo to, String topic, String text, int size)
            implements CommandResult {}

    /**
     * A direct message on {@code topic} is on its way to {@code to}; {@code outcome} completes
     * with the target's confirmation (the chat prints it then instead of waiting).
     */
    record DirectSending(NodeInfo to, String topic, String text, int size,
            CompletableFuture<MessageId> outcome) implements CommandResult {}

    /** Deliveries on {@code topic} now reach this session ({@code already}: they did). */
    record Subscribed(String topic, boolean already) implements CommandResult {}

    /** Deliveries on {@code topic} stopped. */
    record Unsubscribed(String topic) implements CommandResult {}

    /** The screen is to be cleared (the chat only). */
    record Cleared() implements CommandResult {}

    /** The session ends. */
    record Quit() implements CommandResult {}
}
