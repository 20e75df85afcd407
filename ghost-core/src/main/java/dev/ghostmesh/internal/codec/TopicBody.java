package dev.ghostmesh.internal.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * TOPIC: a binary payload published on a topic, for every node subscribed to it; the others
 * relay it without delivering it.
 *
 * <pre>[topic: str, payload: bin 0..64000, expires_at: uint, latest_key: str]</pre>
 *
 * @param topic the topic ({@link TopicNames})
 * @param payload the application's bytes
 * @param expiresAt ms since the epoch after which the message is neither delivered nor
 *     relayed; 0 for never
 * @param latestKey with the topic and origin, what a newer message supersedes an older one by;
 *     empty for none
 */
public record TopicBody(String topic, byte[] payload, long expiresAt, String latestKey)
        implements PacketBody {
    /**
     * Largest payload: what fits one frame with the longest topic and key, the envelope and
     * its signature, rounded down (PROTOCOL.md, "Topics").
     */
    public static final int MAX_PAYLOAD_BYTES = 64_000;

    public TopicBody {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(latestKey, "latestKey");
    }

    /** True if the message carries a latest-value key. */
    public boolean keyed() {
        return !latestKey.isEmpty();
    }

    /** True if the message expired at {@code nowMillis}. */
    public boolean expired(long nowMillis) {
        return expiresAt != 0 && nowMillis > expiresAt;
    }

    /** Encodes this body. */
    public byte[] encode() {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(4).packString(topic);
            p.packBinaryHeader(payload.length).writePayload(payload);
            p.packLong(expiresAt).packString(latestKey);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes the body of a TOPIC packet. */
    public static TopicBody decode(Packet packet) throws PacketDecodeException {
        try (SchemaReader r = Bodies.bodyReader(packet)) {
            int n = r.arrayHeader(4, 4 + Bodies.MAX_EXTRA_FIELDS, "topic message");
            String topic = r.string(TopicNames.MAX_TOPIC_BYTES, "topic");
            String problem = TopicNames.problem(topic);
            if (problem != null) {
                throw new PacketDecodeException(problem);
            }
            int length = r.binHeader(MAX_PAYLOAD_BYTES, "payload");
            int at = r.skipPayload(length, "payload");
            long expiresAt = r.integer(0, Long.MAX_VALUE, "expires_at");
            String key = r.string(TopicNames.MAX_KEY_BYTES, "latest_key");
            r.skipValues(n - 4, "topic extension");
            r.requireEnd("topic message");
            return new TopicBody(topic, Arrays.copyOfRange(packet.frame(), at, at + length),
                    expiresAt, key);
        }
    }

    /** The key's length in bytes of UTF-8, for checking it against the limit. */
    public static int keyBytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicBody b && topic.equals(b.topic)
                && Arrays.equals(payload, b.payload) && expiresAt == b.expiresAt
                && latestKey.equals(b.latestKey);
    }

    @Override
    public int hashCode() {
        return (topic.hashCode() * 31 + Arrays.hashCode(payload)) * 31 + latestKey.hashCode();
    }

    @Override
    public String toString() {
        return "TopicBody[" + topic + ", " + payload.length + " bytes"
                + (expiresAt == 0 ? "" : ", expires " + expiresAt)
                + (latestKey.isEmpty() ? "" : ", key " + latestKey) + "]";
    }
}
