package dev.ghostmesh.internal.group;

import dev.ghostmesh.GroupException.Reason;
import dev.ghostmesh.GroupException;
import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.GroupBodies.GroupMessage;
import dev.ghostmesh.internal.codec.GroupBodies.Protection;
import dev.ghostmesh.internal.codec.GroupBodies;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.messaging.Outbox;
import dev.ghostmesh.internal.runtime.NodeContext;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GROUP messages of the groups this node is in: sent as plain text to an open group and sealed
 * with the key to a protected one; received ones are shown only in the form the group's winning
 * creation calls for. A protected group's plaintext form, a sealed message to an open group,
 * and a sealed message that does not open are dropped and counted as invalid; they have been
 * relayed already (relays cannot tell), so only the display is refused.
 *
 * <p>Threading: confined to the node thread.
 */
final class GroupChat {
    private static final Logger log = LoggerFactory.getLogger(GroupChat.class);

    private final NodeContext node;
    private final GroupState state;
    private final GroupKeyring keyring;
    private final Outbox outbox;
    private final Function<NodeId, String> names;

    GroupChat(NodeContext node, GroupState state, GroupKeyring keyring, Outbox outbox,
            Function<NodeId, String> names) {
        this.node = node;
        this.state = state;
        this.keyring = keyring;
        this.outbox = outbox;
        this.names = names;
    }

    /** Sends {@code text} to {@code name}, a group this node is in; returns it as sent. */
    Message send(GroupName name, String text) {
        GroupName shown = state.info(name).name();
        Protection protection = state.protection(name);
        Packet p;
        if (protection == null) {
            p = outbox.originate(PacketType.GROUP, GroupBodies.groupMessage(shown, text));
        } else {
            byte[] key = keyring.keyFor(name, protection);
            if (key == null) {
                throw new GroupException(Reason.PASSWORD_REQUIRED, name, "no key for #" + shown
                        + ": join it with its password to send there");
            }
            MessageId id = outbox.newId();
            byte[] sealed = GroupKeyring.seal(key, id, node.identity().id(), name, text);
            p = outbox.originate(PacketType.GROUP, id,
                    GroupBodies.sealedGroupMessage(shown, sealed));
        }
        node.counters().sent.incrementAndGet();
        return new Message(p.id(), MessageKind.GROUP, node.identity().id(), node.username(),
                Optional.empty(), Optional.of(shown), text, Instant.ofEpochMilli(p.timestamp()),
                0);
    }

    /** A GROUP packet for a group this node is in. */
    void onGroupMessage(Packet p, GroupMessage m) {
        Protection protection = state.protection(m.group());
        String text;
        if (protection == null) {
            if (m.isSealed()) {
                dropped(p, m, "sealed, but the group is open");
                return;
            }
            text = m.text();
        } else if (!m.isSealed()) {
            dropped(p, m, "plaintext, but the group is protected");
            return;
        } else {
            byte[] key = keyring.keyFor(m.group(), protection);
            if (key == null) {
                return; // a member without the winning creation's key: nothing to open with
            }
            try {
                text = GroupKeyring.open(key, p.id(), p.origin(), m.group(), m.sealed());
            } catch (CryptoException | PacketDecodeException e) {
                dropped(p, m, "sealed content does not open: " + e.getMessage());
                return;
            }
        }
        GroupInfo info = state.info(m.group());
        GroupName shown = info != null ? info.name() : m.group();
        Message msg = new Message(p.id(), MessageKind.GROUP, p.origin(), names.apply(p.origin()),
                Optional.empty(), Optional.of(shown), text, Instant.ofEpochMilli(p.timestamp()),
                p.hops());
        node.counters().delivered.incrementAndGet();
        node.listeners().publish(l -> l.onMessage(msg));
    }

    private void dropped(Packet p, GroupMessage m, String why) {
        node.counters().invalid.incrementAndGet();
        log.debug("dropped a message from {} to #{}: {}", p.origin().shortHex(), m.group(), why);
    }
}
