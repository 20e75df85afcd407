package dev.ghostmesh.internal.group;

import dev.ghostmesh.GroupException.Reason;
import dev.ghostmesh.GroupException;
import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.ChatTopics;
import dev.ghostmesh.internal.codec.GroupBodies.GroupMessage;
import dev.ghostmesh.internal.codec.GroupBodies.Protection;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.TextRules;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.messaging.BuiltInTopics;
import dev.ghostmesh.internal.runtime.NodeContext;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages of the groups this node is in, as TOPIC messages on each group's reserved topic
 * ({@link ChatTopics#group}): the text in UTF-8 to an open group, sealed with the key to a
 * protected one. Received ones are shown only in the form the group's winning creation calls
 * for: a payload that is not text in an open group, or does not open in a protected one, is
 * dropped and counted as invalid; it has been relayed already (relays cannot tell), so only the
 * display is refused. GROUP packets, which older nodes send, are shown by the same rules; this
 * node no longer sends them.
 *
 * <p>Threading: confined to the node thread.
 */
final class GroupChat {
    private static final Logger log = LoggerFactory.getLogger(GroupChat.class);

    private final NodeContext node;
    private final GroupState state;
    private final GroupKeyring keyring;
    private final BuiltInTopics topics;
    private final Function<NodeId, String> names;

    GroupChat(NodeContext node, GroupState state, GroupKeyring keyring, BuiltInTopics topics,
            Function<NodeId, String> names) {
        this.node = node;
        this.state = state;
        this.keyring = keyring;
        this.topics = topics;
        this.names = names;
    }

    /** Sends {@code text} to {@code name}, a group this node is in; returns it as sent. */
    Message send(GroupName name, String text) {
        GroupName shown = state.info(name).name();
        Protection protection = state.protection(name);
        MessageId id = topics.newId();
        byte[] payload;
        if (protection == null) {
            payload = ChatTopics.payload(text);
        } else {
            byte[] key = keyring.keyFor(name, protection);
            if (key == null) {
                throw new GroupException(Reason.PASSWORD_REQUIRED, name, "no key for #" + shown
                        + ": join it with its password to send there");
            }
            // Sealed to this id: the envelope's signature then binds the ciphertext to it.
            payload = GroupKeyring.seal(key, id, node.identity().id(), name, text);
        }
        Packet p = topics.publish(ChatTopics.group(name), id, payload);
        Message sent = new Message(p.id(), MessageKind.GROUP, node.identity().id(),
                node.username(), Optional.empty(), Optional.of(shown), text,
                Instant.ofEpochMilli(p.timestamp()), 0);
        node.history().sent(sent);
        return sent;
    }

    /** A message on the topic of {@code group}, a group this node is in. */
    void onTopic(Packet p, GroupName group, byte[] payload) {
        Protection protection = state.protection(group);
        String text;
        if (protection == null) {
            try {
                text = ChatTopics.text(payload);
            } catch (PacketDecodeException e) {
                dropped(p, group, "not text for an open group: " + e.getMessage());
                return;
            }
        } else {
            text = open(p, group, protection, payload);
            if (text == null) {
                return;
            }
        }
        show(p, group, text);
    }

    /** A GROUP packet (an older node's) for a group this node is in. */
    void onGroupMessage(Packet p, GroupMessage m) {
        Protection protection = state.protection(m.group());
        String text;
        if (protection == null) {
            if (m.isSealed()) {
                dropped(p, m.group(), "sealed, but the group is open");
                return;
            }
            text = m.text();
        } else if (!m.isSealed()) {
            dropped(p, m.group(), "plaintext, but the group is protected");
            return;
        } else {
            text = open(p, m.group(), protection, m.sealed());
            if (text == null) {
                return;
            }
        }
        show(p, m.group(), text);
    }

    /** The text {@code sealed} holds, or null if it is not shown (and counted if invalid). */
    private String open(Packet p, GroupName group, Protection protection, byte[] sealed) {
        byte[] key = keyring.keyFor(group, protection);
        if (key == null) {
            return null; // a member without the winning creation's key: nothing to open with
        }
        try {
            return GroupKeyring.open(key, p.id(), p.origin(), group, sealed);
        } catch (CryptoException | PacketDecodeException e) {
            dropped(p, group, "sealed content does not open: " + e.getMessage());
            return null;
        }
    }

    private void show(Packet p, GroupName group, String text) {
        String problem = TextRules.textProblem(text);
        if (problem != null) {
            dropped(p, group, problem);
            return;
        }
        GroupInfo info = state.info(group);
        GroupName shown = info != null ? info.name() : group;
        Message msg = new Message(p.id(), MessageKind.GROUP, p.origin(), names.apply(p.origin()),
                Optional.empty(), Optional.of(shown), text, Instant.ofEpochMilli(p.timestamp()),
                p.hops());
        node.history().show(msg, false);
    }

    private void dropped(Packet p, GroupName group, String why) {
        node.counters().invalid.incrementAndGet();
        log.debug("dropped a message from {} to #{}: {}", p.origin().shortHex(), group, why);
    }
}
