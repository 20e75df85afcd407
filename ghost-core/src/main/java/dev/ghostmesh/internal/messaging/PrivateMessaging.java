package dev.ghostmesh.internal.messaging;

import dev.ghostmesh.MeshException;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.PrivateContent;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.crypto.PrivateBox;
import dev.ghostmesh.internal.directory.Directory;
import dev.ghostmesh.internal.runtime.NodeContext;
import dev.ghostmesh.internal.runtime.Timer;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end private messages: seals each one to the recipient's X25519 key (from its signed
 * announce or its handshake), opens those sealed to this node, answers each with a sealed
 * receipt, and tells the sender's listeners when a receipt arrives or the wait times out.
 * Relays see the target id and ciphertext only; a box that does not open is dropped and
 * counted, and there is no plaintext form of a private message at all.
 *
 * <p>Threading: confined to the node thread.
 */
public final class PrivateMessaging {
    private static final Logger log = LoggerFactory.getLogger(PrivateMessaging.class);
    /** Most sent messages waiting for a receipt; beyond it the oldest is reported failed. */
    static final int MAX_PENDING = 4096;

    private record Pending(Message message, long deadlineNanos) {}

    private final NodeContext node;
    private final Directory directory;
    private final Outbox outbox;
    private final Map<MessageId, Pending> pending = new LinkedHashMap<>();
    /** The timer for the oldest pending message's deadline; null while none is set. */
    private Timer expiryTimer;

    public PrivateMessaging(NodeContext node, Directory directory, Outbox outbox) {
        this.node = node;
        this.directory = directory;
        this.outbox = outbox;
    }

    /** Seals and floods {@code text} for {@code target}; waits for its receipt. */
    public Message send(NodeId target, String text) {
        byte[] key = directory.agreementKeyOf(target);
        if (key == null) {
            throw new MeshException("no key for " + target.shortHex()
                    + " yet: it has not announced itself to this node");
        }
        MessageId id = outbox.newId();
        NodeId self = node.identity().nodeId();
        Packet p = seal(PacketType.PRIVATE, id, target, key, PrivateContent.text(text));
        node.counters().sent.incrementAndGet();
        Message sent = new Message(id, MessageKind.PRIVATE, self, node.username(),
                Optional.of(target), Optional.empty(), text, Instant.ofEpochMilli(p.timestamp()),
                0);
        if (pending.size() >= MAX_PENDING) {
            Iterator<Pending> oldest = pending.values().iterator();
            Pending dropped = oldest.next();
            oldest.remove();
            fail(dropped, "too many messages waiting for receipts");
        }
        pending.put(id, new Pending(sent,
                node.clock().nanoTime() + node.config().receiptTimeout().toNanos()));
        scheduleExpiry();
        return sent;
    }

    /**
     * A PRIVATE packet addressed to this node (the router checked the target). Returns false if
     * the box is invalid: it is dropped and counted, and not forwarded, since the target is the
     * only node that could open it.
     */
    public boolean onPrivate(Packet p, Bodies.Private box) {
        byte[] known = directory.agreementKeyOf(p.origin());
        if (known == null || !MessageDigest.isEqual(known, box.senderKey())) {
            // dh2 authenticates the box by its sender key; only the key bound to the origin's
            // identity (its signed announce, its link handshake) makes that the origin's.
            node.counters().invalid.incrementAndGet();
            node.refusals().info(log, "dropped a private message from {}: {}",
                    p.origin().shortHex(), known == null
                            ? "its agreement key is unknown here (no announce from it yet)"
                            : "sealed with a sender key that is not its announced key");
            return false;
        }
        Object content;
        try {
            byte[] plain = PrivateBox.open(node.identity(), box.senderKey(), box.ephemeral(),
                    context(p.id(), p.origin(), box.target()), box.sealed());
            content = PrivateContent.decode(plain);
        } catch (CryptoException | PacketDecodeException e) {
            node.counters().invalid.incrementAndGet();
            node.refusals().info(log, "dropped a private message from {} that does not open: {}",
                    p.origin().shortHex(), e.getMessage());
            return false;
        }
        if (content instanceof PrivateContent.Text t) {
            Message m = new Message(p.id(), MessageKind.PRIVATE, p.origin(),
                    directory.nameOf(p.origin()), Optional.of(box.target()), Optional.empty(),
                    t.text(), Instant.ofEpochMilli(p.timestamp()), p.hops());
            node.counters().delivered.incrementAndGet();
            node.listeners().publish(l -> l.onMessage(m));
            // The receipt goes to the key the box was sealed with, the origin's own.
            seal(PacketType.PRIVATE, outbox.newId(), p.origin(), box.senderKey(),
                    PrivateContent.receipt(p.id()));
        } else if (content instanceof PrivateContent.Receipt r) {
            Pending waiting = pending.get(r.acked());
            if (waiting != null && waiting.message().target().orElseThrow().equals(p.origin())) {
                pending.remove(r.acked());
                Message m = waiting.message();
                node.listeners().publish(l -> l.onPrivateDelivered(m));
            }
        }
        return true;
    }

    /**
     * Sets a timer for the oldest pending deadline unless one is set: a node that sends no
     * private messages has no timer at all. A timer may outlive its message (the receipt
     * came); it then finds nothing due and sets the next one.
     */
    private void scheduleExpiry() {
        if (expiryTimer != null || pending.isEmpty()) {
            return;
        }
        long due = pending.values().iterator().next().deadlineNanos() - node.clock().nanoTime();
        expiryTimer = node.loop().schedule(() -> {
            expiryTimer = null;
            expire(node.clock().nanoTime());
            scheduleExpiry();
        }, Math.max(0, TimeUnit.NANOSECONDS.toMillis(due) + 1));
    }

    /** Reports messages whose receipt did not come in time. */
    void expire(long nowNanos) {
        List<Pending> late = new ArrayList<>();
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending w = it.next();
            if (nowNanos - w.deadlineNanos() < 0) {
                break; // insertion order is deadline order
            }
            it.remove();
            late.add(w);
        }
        late.forEach(w -> fail(w, "no receipt within "
                + node.config().receiptTimeout().toSeconds() + " s"));
    }

    private void fail(Pending w, String reason) {
        Message m = w.message();
        node.listeners().publish(l -> l.onPrivateUndelivered(m, reason));
    }

    private Packet seal(int type, MessageId id, NodeId target, byte[] key, byte[] content) {
        NodeId self = node.identity().nodeId();
        PrivateBox.Sealed sealed;
        try {
            sealed = PrivateBox.seal(node.identity(), key, context(id, self, target), content);
        } catch (CryptoException e) {
            throw new MeshException("cannot seal a message to " + target.shortHex() + ": "
                    + e.getMessage(), e);
        }
        return outbox.originate(type, id, Bodies.privateMessage(target,
                node.identity().agreementPublicKey(), sealed.ephemeralPublic(),
                sealed.ciphertext()));
    }

    /** What the box's AEAD binds: message id, origin and target, so it cannot be moved. */
    public static byte[] context(MessageId id, NodeId origin, NodeId target) {
        byte[] c = new byte[MessageId.LENGTH + 2 * NodeId.LENGTH];
        id.writeTo(c, 0);
        origin.writeTo(c, MessageId.LENGTH);
        target.writeTo(c, MessageId.LENGTH + NodeId.LENGTH);
        return c;
    }
}
