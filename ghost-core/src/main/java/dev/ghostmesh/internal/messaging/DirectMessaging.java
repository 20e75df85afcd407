package dev.ghostmesh.internal.messaging;

import dev.ghostmesh.Delivery;
import dev.ghostmesh.MeshException;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NoHandlerException;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.Registration;
import dev.ghostmesh.internal.codec.ChatTopics;
import dev.ghostmesh.internal.codec.DirectContent;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.TopicBody;
import dev.ghostmesh.internal.directory.Directory;
import dev.ghostmesh.internal.link.LinkManager;
import dev.ghostmesh.internal.runtime.NodeContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What direct messages mean to this node: the chat's private messages (topic
 * {@value ChatTopics#CHAT}, text in UTF-8, confirmed by a receipt), applications' direct messages
 * (to the subscriptions of their topic) and requests (to the handler registered for their
 * topic, whose result is sent back as the reply). The sending, routing, retrying and
 * de-duplicating is {@link DirectService}'s.
 *
 * <p>Threading: {@link #onRequest} registrations may be made from any thread; everything else
 * runs on the node's loop; request handlers run on the callback executor.
 */
public final class DirectMessaging implements DirectService.Receiver {
    private static final Logger log = LoggerFactory.getLogger(DirectMessaging.class);
    /**
     * Requests being handled or answered, remembered so a retried copy is not run twice and
     * gets the same reply; at most 256 replies of at most 64,000 bytes are kept.
     */
    static final int MAX_REQUESTS_REMEMBERED = 256;

    private final NodeContext node;
    private final Directory directory;
    private final TopicService topics;
    private final DirectService service;
    private final Map<String, Function<Delivery, CompletionStage<byte[]>>> handlers =
            new ConcurrentHashMap<>();
    /** Requests by origin and mid: null while the handler runs, then the reply sent. */
    private final Map<String, DirectContent.Reply> requests = new LinkedHashMap<>(16, 0.75f,
            true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DirectContent.Reply> eldest) {
            return size() > MAX_REQUESTS_REMEMBERED;
        }
    };

    /** @param retry how long the first, routed copy of a send has before one is flooded */
    public DirectMessaging(NodeContext node, Directory directory, Outbox outbox,
            LinkManager links, TopicService topics, Duration retry) {
        this.node = node;
        this.directory = directory;
        this.topics = topics;
        // The service tells this object what arrives; it calls nothing before the node starts.
        this.service = new DirectService(node, directory, outbox, links, this, retry);
    }

    /** The service that sends, routes and receives the boxes. */
    public DirectService service() {
        return service;
    }

    /** Sends a private chat message; the listeners hear whether it was delivered. */
    public Message sendChat(NodeId target, String text) {
        MessageId mid = service.newId();
        Message sent = new Message(mid, MessageKind.PRIVATE, node.identity().id(),
                node.username(), Optional.of(target), Optional.empty(), text,
                node.clock().instant(), 0);
        node.history().sent(sent);
        Duration timeout = node.config().receiptTimeout();
        service.send(target, mid, DirectContent.message(mid, ChatTopics.CHAT,
                ChatTopics.payload(text)), timeout, new DirectService.Outcome() {
                    @Override
                    public void answered(DirectContent.Content answer, int hops) {
                        node.listeners().publish(l -> l.onPrivateDelivered(sent));
                    }

                    @Override
                    public void failed(Exception why) {
                        String reason = why instanceof TimeoutException
                                ? "no receipt within " + timeout.toSeconds() + " s"
                                : why.getMessage();
                        node.listeners().publish(l -> l.onPrivateUndelivered(sent, reason));
                    }
                });
        node.counters().sent.incrementAndGet();
        return sent;
    }

    /**
     * Sends {@code payload} on {@code topic} to {@code target}; the future completes with its
     * id when the target confirms a subscription took it.
     */
    public CompletableFuture<MessageId> send(NodeId target, String topic, byte[] payload) {
        MessageId mid = service.newId();
        CompletableFuture<MessageId> done = new CompletableFuture<>();
        service.send(target, mid, DirectContent.message(mid, topic, payload),
                node.config().receiptTimeout(), new DirectService.Outcome() {
                    @Override
                    public void answered(DirectContent.Content answer, int hops) {
                        if (answer instanceof DirectContent.Receipt r
                                && r.status() == DirectContent.DELIVERED) {
                            done.complete(mid);
                        } else {
                            done.completeExceptionally(new NoHandlerException(
                                    directory.nameOf(target) + " has no subscription to "
                                            + topic));
                        }
                    }

                    @Override
                    public void failed(Exception why) {
                        done.completeExceptionally(why);
                    }
                });
        node.counters().sent.incrementAndGet();
        return done;
    }

    /** Sends a request; the future completes with the reply. */
    public CompletableFuture<Delivery> request(NodeId target, String topic, byte[] payload,
            Duration timeout) {
        MessageId mid = service.newId();
        CompletableFuture<Delivery> done = new CompletableFuture<>();
        service.send(target, mid, DirectContent.request(mid, topic, payload), timeout,
                new DirectService.Outcome() {
                    @Override
                    public void answered(DirectContent.Content answer, int hops) {
                        onReply(done, target, topic, mid, answer, hops);
                    }

                    @Override
                    public void failed(Exception why) {
                        done.completeExceptionally(why);
                    }
                });
        node.counters().sent.incrementAndGet();
        return done;
    }

    private void onReply(CompletableFuture<Delivery> done, NodeId target, String topic,
            MessageId mid, DirectContent.Content answer, int hops) {
        String name = directory.nameOf(target);
        if (!(answer instanceof DirectContent.Reply r)) {
            done.completeExceptionally(new MeshException(name + " answered a request with "
                    + "something other than a reply"));
        } else if (r.status() == DirectContent.DELIVERED) {
            Instant now = node.clock().instant();
            done.complete(new Delivery(topic, ByteBuffer.wrap(r.payload()), target, name, mid,
                    hops, now, now, Optional.empty(), Optional.empty(), true));
        } else if (r.status() == DirectContent.NO_HANDLER) {
            done.completeExceptionally(new NoHandlerException(name
                    + " has no handler for requests on " + topic));
        } else {
            done.completeExceptionally(new MeshException(name + "'s handler for " + topic
                    + " failed: " + new String(r.payload(), StandardCharsets.UTF_8)));
        }
    }

    /** Registers the one request handler of {@code topic}. Any thread. */
    public Registration onRequest(String topic,
            Function<Delivery, CompletionStage<byte[]>> handler) {
        if (handlers.putIfAbsent(topic, handler) != null) {
            throw new IllegalStateException("a request handler for " + topic
                    + " is already registered");
        }
        return () -> handlers.remove(topic, handler);
    }

    @Override
    public int onMessage(Packet p, DirectContent.Message m) {
        if (ChatTopics.CHAT.equals(m.topic())) {
            return onChat(p, m);
        }
        Delivery d = service.delivery(p, m.mid(), m.topic(), m.payload());
        return topics.deliverDirect(d) ? DirectContent.DELIVERED : DirectContent.NO_HANDLER;
    }

    private int onChat(Packet p, DirectContent.Message m) {
        String text;
        try {
            text = ChatTopics.text(m.payload());
        } catch (PacketDecodeException e) {
            node.counters().invalid.incrementAndGet();
            node.refusals().info(log, "dropped a private message from {}: {}",
                    p.origin().shortHex(), e.getMessage());
            return DirectContent.NO_HANDLER;
        }
        Message msg = new Message(m.mid(), MessageKind.PRIVATE, p.origin(),
                directory.nameOf(p.origin()), Optional.of(node.identity().id()),
                Optional.empty(), text, Instant.ofEpochMilli(p.timestamp()), p.hops());
        node.history().show(msg, false);
        return DirectContent.DELIVERED;
    }

    @Override
    public void onRequest(Packet p, DirectContent.Request r, boolean flooded) {
        String key = p.origin() + "/" + r.mid();
        if (requests.containsKey(key)) {
            DirectContent.Reply done = requests.get(key);
            if (done != null) { // answered: this copy is a retry, and the reply may be lost
                service.reply(p.origin(), r.mid(), done.status(), done.payload(), flooded);
            }
            return;
        }
        Function<Delivery, CompletionStage<byte[]>> handler = handlers.get(r.topic());
        if (handler == null) {
            answer(key, p.origin(), r.mid(), DirectContent.NO_HANDLER, new byte[0], flooded);
            return;
        }
        requests.put(key, null);
        node.counters().delivered.incrementAndGet();
        Delivery d = service.delivery(p, r.mid(), r.topic(), r.payload());
        NodeId origin = p.origin();
        try {
            node.listeners().executor().execute(() -> {
                CompletionStage<byte[]> result;
                try {
                    result = handler.apply(d);
                } catch (RuntimeException e) {
                    result = CompletableFuture.failedFuture(e);
                }
                result.whenComplete((bytes, error) -> node.loop().execute(() ->
                        onHandled(key, origin, r, bytes, error, flooded)));
            });
        } catch (RejectedExecutionException e) {
            requests.remove(key); // the node is closing: a retried copy may find it again
        }
    }

    private void onHandled(String key, NodeId origin, DirectContent.Request r, byte[] bytes,
            Throwable error, boolean flooded) {
        if (error == null && bytes != null && bytes.length <= TopicBody.MAX_PAYLOAD_BYTES) {
            answer(key, origin, r.mid(), DirectContent.DELIVERED, bytes, flooded);
            return;
        }
        String why = error != null ? String.valueOf(error.getMessage())
                : bytes == null ? "it returned null"
                : "its reply is " + bytes.length + " bytes; the limit is "
                        + TopicBody.MAX_PAYLOAD_BYTES;
        log.warn("request handler for {} failed: {}", r.topic(), why);
        answer(key, origin, r.mid(), DirectContent.HANDLER_FAILED,
                why.getBytes(StandardCharsets.UTF_8), flooded);
    }

    private void answer(String key, NodeId origin, MessageId mid, int status, byte[] payload,
            boolean flooded) {
        requests.put(key, new DirectContent.Reply(mid, status, payload));
        service.reply(origin, mid, status, payload, flooded);
    }
}
