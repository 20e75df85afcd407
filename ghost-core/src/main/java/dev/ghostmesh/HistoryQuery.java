package dev.ghostmesh;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which part of a node's history to read ({@link MeshNode#history}): the newest {@code limit}
 * entries that match, returned oldest first. Start from {@link #latest} and narrow it down.
 * Immutable and thread-safe.
 *
 * @param kind only messages of this kind
 * @param group only messages to this group
 * @param peer only the private conversation with this node (messages from it and to it)
 * @param before only entries this node received before this instant (for paging back)
 * @param limit at most this many entries, 1..{@link #MAX_LIMIT}
 */
public record HistoryQuery(Optional<MessageKind> kind, Optional<GroupName> group,
        Optional<NodeId> peer, Optional<Instant> before, int limit) {
    /** The most entries one query returns. */
    public static final int MAX_LIMIT = 10_000;

    /** Checks the values. */
    public HistoryQuery {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(before, "before");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("history limit must be 1-" + MAX_LIMIT + ": "
                    + limit);
        }
    }

    /** The newest {@code limit} entries of every kind. */
    public static HistoryQuery latest(int limit) {
        return new HistoryQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), limit);
    }

    /** Only broadcasts. */
    public HistoryQuery broadcasts() {
        return new HistoryQuery(Optional.of(MessageKind.BROADCAST), Optional.empty(),
                Optional.empty(), before, limit);
    }

    /** Only messages to {@code name}. */
    public HistoryQuery group(GroupName name) {
        return new HistoryQuery(Optional.of(MessageKind.GROUP), Optional.of(name),
                Optional.empty(), before, limit);
    }

    /** Only the private messages between this node and {@code node}. */
    public HistoryQuery conversationWith(NodeId node) {
        return new HistoryQuery(Optional.of(MessageKind.PRIVATE), Optional.empty(),
                Optional.of(node), before, limit);
    }

    /** Only entries received before {@code instant}: the page before an earlier answer. */
    public HistoryQuery before(Instant instant) {
        return new HistoryQuery(kind, group, peer, Optional.of(instant), limit);
    }

    /** True if {@code e} is one this query asks for (the limit aside). */
    public boolean matches(HistoryEntry e) {
        Message m = e.message();
        return kind.map(k -> k == m.kind()).orElse(true)
                && group.map(g -> m.group().map(g::equals).orElse(false)).orElse(true)
                && peer.map(p -> p.equals(m.sender()) || m.target().map(p::equals).orElse(false))
                        .orElse(true)
                && before.map(b -> e.receivedAt().isBefore(b)).orElse(true);
    }
}
