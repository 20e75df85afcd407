package dev.ghostmesh.internal.messaging;

import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.internal.codec.ChatTopics;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.TextRules;
import dev.ghostmesh.internal.codec.TopicBody;
import dev.ghostmesh.internal.directory.Directory;
import dev.ghostmesh.internal.runtime.NodeContext;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat's broadcasts: text for every node, published as TOPIC messages on
 * {@value ChatTopics#CHAT} and shown by every node that receives one. BROADCAST packets, which
 * older nodes send, are shown the same way; this node no longer sends them. A text that breaks
 * the text rules is dropped and counted as invalid; it has been relayed all the same, as every
 * TOPIC packet is (the router cannot tell).
 *
 * <p>Threading: confined to the node's loop; listeners hear of messages on the callback
 * executor.
 */
public final class BroadcastChat {
    private static final Logger log = LoggerFactory.getLogger(BroadcastChat.class);

    private final NodeContext node;
    private final Directory directory;
    private final BuiltInTopics topics;

    /** Call {@link #onTopic} for the messages on {@value ChatTopics#CHAT}. */
    public BroadcastChat(NodeContext node, Directory directory, BuiltInTopics topics) {
        this.node = node;
        this.directory = directory;
        this.topics = topics;
    }

    /** Publishes {@code text} (checked against the text rules); returns it as sent. */
    public Message send(String text) {
        Packet p = topics.publish(ChatTopics.CHAT, ChatTopics.payload(text));
        Message sent = new Message(p.id(), MessageKind.BROADCAST, node.identity().id(),
                node.username(), Optional.empty(), Optional.empty(), text,
                Instant.ofEpochMilli(p.timestamp()), 0);
        node.history().sent(sent);
        return sent;
    }

    /** A message on {@value ChatTopics#CHAT}. */
    public void onTopic(Packet p, TopicBody body) {
        String text;
        try {
            text = ChatTopics.text(body.payload());
        } catch (PacketDecodeException e) {
            dropped(p, e.getMessage());
            return;
        }
        show(p, text);
    }

    /** The text of a BROADCAST packet (an older node's), valid UTF-8 of at most 16 KiB. */
    public void onBroadcast(Packet p, String text) {
        String problem = TextRules.textProblem(text);
        if (problem != null) {
            dropped(p, problem);
            return;
        }
        show(p, text);
    }

    private void show(Packet p, String text) {
        Message m = new Message(p.id(), MessageKind.BROADCAST, p.origin(),
                directory.nameOf(p.origin()), Optional.empty(), Optional.empty(), text,
                Instant.ofEpochMilli(p.timestamp()), p.hops());
        node.history().show(m, false);
    }

    private void dropped(Packet p, String why) {
        node.counters().invalid.incrementAndGet();
        node.refusals().info(log, "dropped a broadcast from {}: {}", p.origin().shortHex(), why);
    }
}
