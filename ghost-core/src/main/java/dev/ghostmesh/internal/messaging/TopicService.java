package dev.ghostmesh.internal.messaging;

import dev.ghostmesh.Delivery;
import dev.ghostmesh.MeshException;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PublishOptions;
import dev.ghostmesh.Subscription;
import dev.ghostmesh.internal.codec.AnnounceBody;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.TopicBody;
import dev.ghostmesh.internal.codec.TopicNames;
import dev.ghostmesh.internal.directory.Directory;
import dev.ghostmesh.internal.runtime.NodeContext;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Topics: this node's subscriptions, its publishes, and the TOPIC packets it receives. A
 * publish with a latest-value key waits here until the loop sends it, and a newer one for the
 * same topic and key takes its place meanwhile; a received keyed message older than one already
 * delivered for its origin, topic and key is not delivered again. Every node relays TOPIC
 * packets (the router does); only subscribers deliver them. Messages on reserved topics go to
 * the applications built into the node instead ({@link BuiltInTopics}): the chat is one more
 * application of topics, not a path of its own.
 *
 * <p>Threading: {@link #subscribe}, {@link #publish}, {@link #subscribers} and
 * {@link #announced} may be called from any thread; {@link #onTopic} and the sends run on the
 * node's loop; handlers run on the callback executor.
 */
public final class TopicService {
    /** Origins' keyed values remembered for ordering; the least recently used go first. */
    static final int MAX_REMEMBERED_KEYS = 16_384;

    private final NodeContext node;
    private final Outbox outbox;
    private final Directory directory;
    private final TopicFanout fanout;
    private final BuiltInTopics builtIns;
    private final Map<String, CopyOnWriteArrayList<SubscriptionQueue>> byTopic =
            new ConcurrentHashMap<>();
    private final List<Runnable> changeObservers = new CopyOnWriteArrayList<>();
    /** Keyed publishes not yet sent, by topic and key. Guarded by itself. */
    private final Map<String, PendingPublish> pending = new HashMap<>();
    /** The newest seq delivered per origin, topic and key. Loop only. */
    private final Map<String, Long> newestByKey = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_REMEMBERED_KEYS;
        }
    };

    /** A keyed publish waiting for the loop: the latest payload and everyone waiting on it. */
    private static final class PendingPublish {
        final String topic;
        byte[] payload;
        PublishOptions options;
        final List<CompletableFuture<MessageId>> waiters = new ArrayList<>(1);

        PendingPublish(String topic) {
            this.topic = topic;
        }
    }

    public TopicService(NodeContext node, Outbox outbox, Directory directory,
            TopicFanout fanout) {
        this.node = node;
        this.outbox = outbox;
        this.directory = directory;
        this.fanout = fanout;
        this.builtIns = new BuiltInTopics(node, outbox);
    }

    /** Where this node's and relayed TOPIC packets go. */
    public TopicFanout fanout() {
        return fanout;
    }

    /** The reserved topics' handlers and publishing, for the built-in applications. */
    public BuiltInTopics builtIns() {
        return builtIns;
    }

    /** Runs {@code observer} on the loop whenever the set of subscribed topics changes. */
    public void observeSubscriptions(Runnable observer) {
        changeObservers.add(observer);
    }

    /** Checks a topic an application names; throws with the reason if it is not valid. */
    public static void requireTopic(String topic) {
        String problem = TopicNames.problem(topic);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (TopicNames.reserved(topic)) {
            throw new IllegalArgumentException("topics under " + TopicNames.RESERVED_PREFIX
                    + " are reserved for the library's own applications: " + topic);
        }
    }

    /** Checks a payload's size; throws with the limit if it is over. */
    public static void requirePayload(byte[] payload) {
        if (payload.length > TopicBody.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload is " + payload.length
                    + " bytes; one message carries at most " + TopicBody.MAX_PAYLOAD_BYTES
                    + " (larger data needs a file transfer)");
        }
    }

    public Subscription subscribe(String topic, Consumer<Delivery> handler) {
        SubscriptionQueue q = new SubscriptionQueue(topic, handler, node.listeners(),
                this::unsubscribe);
        boolean[] first = {false};
        byTopic.compute(topic, (t, list) -> {
            CopyOnWriteArrayList<SubscriptionQueue> l = list == null
                    ? new CopyOnWriteArrayList<>() : list;
            first[0] = l.isEmpty();
            l.add(q);
            return l;
        });
        if (first[0]) {
            changed();
        }
        return q;
    }

    private void unsubscribe(SubscriptionQueue q) {
        boolean[] last = {false};
        byTopic.computeIfPresent(q.topic(), (t, list) -> {
            list.remove(q);
            last[0] = list.isEmpty();
            return list.isEmpty() ? null : list;
        });
        if (last[0]) {
            changed();
        }
    }

    private void changed() {
        node.loop().execute(() -> changeObservers.forEach(Runnable::run));
    }

    /** The topics this node subscribes to, sorted, at most as many as an announce lists. */
    public List<String> announced() {
        TreeSet<String> sorted = new TreeSet<>(byTopic.keySet());
        List<String> out = new ArrayList<>(sorted);
        return out.size() > AnnounceBody.MAX_TOPICS ? out.subList(0, AnnounceBody.MAX_TOPICS)
                : out;
    }

    /** Other nodes whose latest announce lists {@code topic}, nearest first. */
    public List<NodeInfo> subscribers(String topic) {
        List<NodeInfo> out = new ArrayList<>();
        for (NodeInfo n : directory.view()) {
            if (n.topics().contains(topic)) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * Publishes {@code payload}; the future completes with the id of the message sent. A keyed
     * publish superseded before the loop sent it completes with the id of the message that
     * carried the newer value.
     */
    public CompletableFuture<MessageId> publish(String topic, byte[] payload,
            PublishOptions options) {
        byte[] copy = payload.clone(); // the caller may reuse its array once we return
        Optional<String> key = options.latestKey();
        if (key.isEmpty()) {
            return node.loop().call(() -> send(topic, copy, options));
        }
        CompletableFuture<MessageId> f = new CompletableFuture<>(); // completed on the loop
        String pendingKey = topic + '\n' + key.get();
        boolean first;
        synchronized (pending) {
            PendingPublish p = pending.get(pendingKey);
            first = p == null;
            if (first) {
                p = new PendingPublish(topic);
                pending.put(pendingKey, p);
            }
            p.payload = copy;
            p.options = options;
            p.waiters.add(f);
        }
        if (first && (!node.loop().accepting() || !node.loop().execute(() -> flush(pendingKey)))) {
            failPending(pendingKey);
        }
        return node.loop().handOff(f);
    }

    private void flush(String pendingKey) {
        PendingPublish p;
        synchronized (pending) {
            p = pending.remove(pendingKey);
        }
        if (p == null) {
            return;
        }
        try {
            MessageId id = send(p.topic, p.payload, p.options);
            p.waiters.forEach(w -> w.complete(id));
        } catch (RuntimeException e) {
            p.waiters.forEach(w -> w.completeExceptionally(e));
        }
    }

    private void failPending(String pendingKey) {
        PendingPublish p;
        synchronized (pending) {
            p = pending.remove(pendingKey);
        }
        if (p != null) {
            MeshException stopped = new MeshException("node is not running");
            p.waiters.forEach(w -> w.completeExceptionally(stopped));
        }
    }

    private MessageId send(String topic, byte[] payload, PublishOptions options) {
        long expiresAt = options.expiresAfter()
                .map(d -> node.clock().millis() + d.toMillis()).orElse(0L);
        TopicBody body = new TopicBody(topic, payload, expiresAt,
                options.latestKey().orElse(""));
        int ttl = options.hopLimit().orElse(node.config().ttl());
        Packet p = outbox.sign(PacketType.TOPIC, ttl, body.encode());
        outbox.sendAll(fanout.targets(topic, null, null), p.frame());
        node.counters().sent.incrementAndGet();
        return p.id();
    }

    /**
     * A TOPIC packet accepted by the router: delivered to this node's subscriptions, if any.
     * False if it expired: then it is not relayed either.
     */
    public boolean onTopic(Packet p, TopicBody body, Instant now) {
        if (body.expired(now.toEpochMilli())) {
            node.counters().stale.incrementAndGet();
            return false;
        }
        if (TopicNames.reserved(body.topic())) {
            builtIns.deliver(p, body); // applications cannot subscribe to these
            return true;
        }
        List<SubscriptionQueue> subs = byTopic.get(body.topic());
        if (subs == null || subs.isEmpty()) {
            return true;
        }
        String key = null;
        if (body.keyed()) {
            key = p.origin().toString() + '\n' + body.topic() + '\n' + body.latestKey();
            Long newest = newestByKey.get(key);
            if (newest != null && p.seq() <= newest) {
                return true; // an older value than one already delivered: superseded
            }
            newestByKey.put(key, p.seq());
        }
        NodeId origin = p.origin();
        Delivery d = new Delivery(body.topic(), ByteBuffer.wrap(body.payload()), origin,
                directory.nameOf(origin), p.id(), p.hops(), Instant.ofEpochMilli(p.timestamp()),
                now, body.keyed() ? Optional.of(body.latestKey()) : Optional.empty(),
                body.expiresAt() == 0 ? Optional.empty()
                        : Optional.of(Instant.ofEpochMilli(body.expiresAt())), false);
        node.counters().delivered.incrementAndGet();
        for (SubscriptionQueue q : subs) {
            q.offer(d, key);
        }
        return true;
    }

    /**
     * Hands a direct message to the subscriptions of its topic; false if there is none (the
     * sender is told there is no handler).
     */
    public boolean deliverDirect(Delivery d) {
        List<SubscriptionQueue> subs = byTopic.get(d.topic());
        if (subs == null || subs.isEmpty()) {
            return false;
        }
        node.counters().delivered.incrementAndGet();
        for (SubscriptionQueue q : subs) {
            q.offer(d, null);
        }
        return true;
    }

    /** The topics subscribed to now (for tests and status). */
    public Set<String> topics() {
        return Set.copyOf(byTopic.keySet());
    }
}
