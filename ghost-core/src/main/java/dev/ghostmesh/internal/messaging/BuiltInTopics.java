package dev.ghostmesh.internal.messaging;

import dev.ghostmesh.MessageId;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.TopicBody;
import dev.ghostmesh.internal.codec.TopicNames;
import dev.ghostmesh.internal.runtime.NodeContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reserved topics ({@code ghost/...}) of the applications built into the node, the chat's
 * broadcasts and group messages: they publish and receive TOPIC messages like any application,
 * through {@link TopicService}, but on topics applications cannot use, and to a handler instead
 * of subscriptions. A handler is registered by the layer that owns the application (groups sit
 * above messaging, so they register here rather than being called from here). Reserved topics
 * are never listed in announces: the chat's are implied (every node takes broadcasts, and group
 * membership is announced already), and leaving them out keeps announces small.
 *
 * <p>Threading: handlers are registered while the node is assembled, before it starts; they
 * run, and messages are published, on the node's loop.
 */
public final class BuiltInTopics {
    /** What a built-in application does with a message on its reserved topic. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Acts on {@code body}, which arrived in {@code p} and has not expired. Whatever the
         * handler makes of it, the packet is relayed: every node relays TOPIC packets.
         */
        void onMessage(Packet p, TopicBody body);
    }

    private final NodeContext node;
    private final Outbox outbox;
    private final Map<String, Handler> exact = new ConcurrentHashMap<>();
    private final Map<String, Handler> byPrefix = new ConcurrentHashMap<>();

    BuiltInTopics(NodeContext node, Outbox outbox) {
        this.node = node;
        this.outbox = outbox;
    }

    /** Hands the messages on the reserved {@code topic} to {@code handler}. */
    public void handle(String topic, Handler handler) {
        requireReserved(topic);
        if (exact.putIfAbsent(topic, handler) != null) {
            throw new IllegalStateException(topic + " already has a handler");
        }
    }

    /** Hands the messages on every topic that starts with {@code prefix} to {@code handler}. */
    public void handleUnder(String prefix, Handler handler) {
        requireReserved(prefix);
        if (byPrefix.putIfAbsent(prefix, handler) != null) {
            throw new IllegalStateException(prefix + " already has a handler");
        }
    }

    private static void requireReserved(String topic) {
        if (!TopicNames.reserved(topic)) {
            throw new IllegalArgumentException("not a reserved topic: " + topic);
        }
    }

    /**
     * A message on a reserved topic: to its handler, if this version has one (a topic of a newer
     * version's application is only relayed).
     */
    void deliver(Packet p, TopicBody body) {
        Handler h = exact.get(body.topic());
        if (h == null) {
            for (Map.Entry<String, Handler> e : byPrefix.entrySet()) {
                if (body.topic().startsWith(e.getKey())) {
                    h = e.getValue();
                    break;
                }
            }
        }
        if (h != null) {
            h.onMessage(p, body);
        }
    }

    /** A fresh message id, for payloads that must be bound to theirs before they are sent. */
    public MessageId newId() {
        return outbox.newId();
    }

    /** Floods {@code payload} on the reserved {@code topic}; returns the packet as sent. */
    public Packet publish(String topic, byte[] payload) {
        return publish(topic, outbox.newId(), payload);
    }

    /**
     * Floods {@code payload} on the reserved {@code topic} as message {@code id}, with the
     * node's hop limit, no expiry and no latest-value key; returns the packet as sent.
     */
    public Packet publish(String topic, MessageId id, byte[] payload) {
        requireReserved(topic);
        Packet p = outbox.originate(PacketType.TOPIC, id,
                new TopicBody(topic, payload, 0, "").encode());
        node.counters().sent.incrementAndGet();
        return p;
    }
}
