package dev.ghostmesh;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A chat message delivered to this node (or sent by it). Immutable and thread-safe.
 *
 * @param id the message id, unique per message
 * @param kind broadcast or private
 * @param sender the origin node, proven by its signature
 * @param senderName the sender's username as last announced (its codename if none is known)
 * @param target the addressee of a private message; empty otherwise
 * @param group the group of a group message; empty otherwise
 * @param text the message text
 * @param sentAt the origin's timestamp (its clock, not ours)
 * @param hops how many links the message crossed (1 for a direct peer, 0 for our own)
 * @param late true if it arrived by catch-up after a partition healed, not as it was sent:
 *     {@code sentAt} may then be long ago
 */
public record Message(MessageId id, MessageKind kind, NodeId sender, String senderName,
        Optional<NodeId> target, Optional<GroupName> group, String text, Instant sentAt,
        int hops, boolean late) {
    /** A message that arrived as it was sent (not {@link #late}). */
    public Message(MessageId id, MessageKind kind, NodeId sender, String senderName,
            Optional<NodeId> target, Optional<GroupName> group, String text, Instant sentAt,
            int hops) {
        this(id, kind, sender, senderName, target, group, text, sentAt, hops, false);
    }

    /** This message, marked as arrived {@link #late}. */
    public Message asLate() {
        return late ? this : new Message(id, kind, sender, senderName, target, group, text,
                sentAt, hops, true);
    }

    /** Validates that no field is null and that private and group messages say where to. */
    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(senderName, "senderName");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sentAt, "sentAt");
        if (kind == MessageKind.PRIVATE && target.isEmpty()) {
            throw new IllegalArgumentException("a private message needs a target");
        }
        if (kind == MessageKind.GROUP && group.isEmpty()) {
            throw new IllegalArgumentException("a group message needs a group");
        }
    }
}
