package dev.ghostmesh.cli;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The action of {@code history}: which part of the node's history to show, and reading it
 * ({@code MeshNode.history}). The chat gives it as words: {@code /history [n]},
 * {@code /history #group [n]} or {@code /history <user> [n]} (a lone number is a count, so a
 * user whose name is a number is named with a count after it, or as {@code name#id}); JSON as
 * the fields {@code limit}, {@code group}, {@code user} and {@code before}. A user is resolved
 * as {@code /msg} resolves one; one who is not in the mesh now is found among the nodes this
 * node exchanged private messages with, so a conversation can be read back while the other
 * side is away.
 *
 * <p>Threading: called on the input thread; waits briefly for the node thread to read the
 * store.
 */
final class HistoryActions {
    /** Lines {@code /history} shows without a count. */
    static final int DEFAULT_LIMIT = 20;

    private HistoryActions() {}

    static CommandResult history(CommandContext c, CommandArgs a) {
        String what = a.get("what");
        String limitText = a.get("limit");
        String group = a.get("group");
        String user = a.get("user");
        if (what != null) {
            if (limitText == null && what.chars().allMatch(Character::isDigit)) {
                limitText = what;
            } else if (what.startsWith("#")) {
                group = what.substring(1);
            } else {
                user = what;
            }
        }
        if (group != null && user != null) {
            throw CommandError.invalid("give a group or a user, not both");
        }
        HistoryQuery q = HistoryQuery.latest(limit(limitText));
        if (a.get("before") != null) {
            q = q.before(instant(a.get("before")));
        }
        NodeInfo peer = null;
        if (group != null) {
            q = q.group(GroupActions.name(group.startsWith("#") ? group.substring(1) : group));
        } else if (user != null) {
            peer = peer(c, user);
            q = q.conversationWith(peer.id());
        }
        List<HistoryEntry> entries = query(c, q);
        return new CommandResult.History(entries, q, peer, recipientNames(entries, c.node.id(),
                c.node.nodes(), query -> query(c, query)));
    }

    /**
     * The names of the nodes our own private messages among {@code entries} went to, which
     * such a message does not carry: as the directory ({@code known}) has them, else as the
     * node last wrote under in {@code entries} or, failing that, in the rest of the history
     * ({@code query}); a node that never wrote back is left out (shown by its codename).
     */
    static Map<NodeId, String> recipientNames(List<HistoryEntry> entries, NodeId self,
            List<NodeInfo> known, Function<HistoryQuery, List<HistoryEntry>> query) {
        Map<NodeId, String> names = new LinkedHashMap<>();
        for (HistoryEntry e : entries) {
            Message m = e.message();
            if (m.sender().equals(self) && m.target().isPresent()) {
                names.put(m.target().get(), null);
            }
        }
        for (HistoryEntry e : entries) {
            names.computeIfPresent(e.message().sender(), (id, old) -> e.message().senderName());
        }
        for (NodeInfo n : known) {
            names.computeIfPresent(n.id(), (id, old) -> n.username());
        }
        for (Map.Entry<NodeId, String> n : names.entrySet()) {
            if (n.getValue() == null) {
                List<HistoryEntry> talk = query.apply(HistoryQuery.latest(HistoryQuery.MAX_LIMIT)
                        .conversationWith(n.getKey()));
                for (HistoryEntry e : talk) {
                    if (e.message().sender().equals(n.getKey())) {
                        n.setValue(e.message().senderName()); // the latest wins
                    }
                }
            }
        }
        names.values().removeIf(java.util.Objects::isNull);
        return names;
    }

    private static List<HistoryEntry> query(CommandContext c, HistoryQuery q) {
        return CommandHandler.await(c.node.history(q));
    }

    /** A count of 1..{@link HistoryQuery#MAX_LIMIT}, {@link #DEFAULT_LIMIT} if none. */
    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        String t = text.strip();
        if (!t.isEmpty() && t.length() <= 9 && t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            int n = Integer.parseInt(t);
            if (n >= 1 && n <= HistoryQuery.MAX_LIMIT) {
                return n;
            }
        }
        throw CommandError.invalid("invalid count '" + t + "': must be 1-"
                + HistoryQuery.MAX_LIMIT);
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw CommandError.invalid("invalid instant '" + text.strip() + "': use ISO-8601,"
                    + " e.g. 2026-11-26T10:52:31.993Z");
        }
    }

    /**
     * The node {@code query} names: one known in the mesh now (as /msg resolves it), else one
     * this node exchanged private messages with before, by the same rules.
     */
    private static NodeInfo peer(CommandContext c, String query) {
        UserResolver.Result now = UserResolver.resolve(query, c.node.nodes(), c.names);
        if (now.match() != null) {
            return now.match();
        }
        if (UserResolver.isSelf(query, c.node, c.names)) {
            throw new CommandError("self", "there are no private messages with yourself");
        }
        if (!now.error().startsWith("unknown user")) {
            throw new CommandError("ambiguous_user", now.error());
        }
        UserResolver.Result before = UserResolver.resolve(query, correspondents(c), c.names);
        if (before.match() != null) {
            return before.match();
        }
        boolean unknown = before.error().startsWith("unknown user");
        throw new CommandError(unknown ? "unknown_user" : "ambiguous_user", unknown
                ? "unknown user '" + Sanitizer.clean(query.strip()) + "' (see /nodes; no"
                        + " private messages with such a user are kept either)"
                : before.error());
    }

    /**
     * The nodes of the private messages kept, as directory entries for {@link UserResolver}:
     * by the name they last sent under, or by their codename if they never wrote back.
     */
    private static List<NodeInfo> correspondents(CommandContext c) {
        HistoryQuery privates = new HistoryQuery(Optional.of(MessageKind.PRIVATE),
                Optional.empty(), Optional.empty(), Optional.empty(), HistoryQuery.MAX_LIMIT);
        Map<NodeId, String> names = new LinkedHashMap<>();
        Map<NodeId, Instant> seen = new LinkedHashMap<>();
        for (HistoryEntry e : query(c, privates)) {
            Message m = e.message();
            if (!m.sender().equals(c.node.id())) {
                names.put(m.sender(), m.senderName());
                seen.put(m.sender(), e.receivedAt());
            } else if (m.target().isPresent()) {
                names.putIfAbsent(m.target().get(), m.target().get().codename());
                seen.put(m.target().get(), e.receivedAt());
            }
        }
        List<NodeInfo> out = new ArrayList<>();
        names.forEach((id, name) -> out.add(new NodeInfo(id, name, id.codename(), 0, List.of(),
                Set.of(), 0, Optional.empty(), seen.get(id), Set.of())));
        return out;
    }
}
