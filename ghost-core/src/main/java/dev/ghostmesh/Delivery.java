package dev.ghostmesh;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A message on a topic, delivered to this node's subscription. Immutable and thread-safe: every
 * call of {@link #payload()} returns a fresh read-only view, so handlers sharing one delivery
 * cannot disturb each other's reading.
 *
 * @param topic the topic it was published on
 * @param payload the application's bytes (read-only)
 * @param sender the origin node (in the secure profile, proven by its signature)
 * @param senderName the sender's username as last announced (its codename if none is known)
 * @param id the message id, unique per message
 * @param hops how many links the message crossed (1 for a direct peer)
 * @param sentAt the origin's timestamp (its clock, not ours)
 * @param receivedAt when this node accepted it (this node's clock)
 * @param latestKey the latest-value key it was published with, if any
 * @param expiresAt when it stops being delivered or relayed, if it expires
 * @param direct true for a direct message or request sent to this node alone, false for a
 *     message published on the topic
 */
public record Delivery(String topic, ByteBuffer payload, NodeId sender, String senderName,
        MessageId id, int hops, Instant sentAt, Instant receivedAt, Optional<String> latestKey,
        Optional<Instant> expiresAt, boolean direct) {
    /** Validates that no field is null and keeps a read-only view of the payload. */
    public Delivery {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(senderName, "senderName");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(latestKey, "latestKey");
        Objects.requireNonNull(expiresAt, "expiresAt");
        payload = payload.asReadOnlyBuffer();
    }

    /** A read-only view of the payload, positioned at its start. */
    @Override
    public ByteBuffer payload() {
        return payload.duplicate();
    }

    /** A copy of the payload. */
    public byte[] payloadBytes() {
        ByteBuffer view = payload();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }

    /** The payload's length in bytes. */
    public int size() {
        return payload.remaining();
    }
}
