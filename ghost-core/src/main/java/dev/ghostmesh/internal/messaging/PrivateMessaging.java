package dev.ghostmesh.internal.messaging;

import dev.ghostmesh.MeshException;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.PrivateContent;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.crypto.PrivateBox;
import dev.ghostmesh.internal.directory.Directory;
import dev.ghostmesh.internal.runtime.NodeContext;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PRIVATE packets, the flooded private messages nodes sent before DIRECT: opens those sealed to
 * this node, shows them, and answers each with a sealed PRIVATE receipt. This node sends its
 * own private messages as DIRECT ({@link DirectMessaging}); a PRIVATE is still a valid packet,
 * and the box, its key check and its context are the same for both. Relays see the target id
 * and ciphertext only; a box that does not open is dropped and counted.
 *
 * <p>Threading: confined to the node thread.
 */
public final class PrivateMessaging {
    private static final Logger log = LoggerFactory.getLogger(PrivateMessaging.class);

    private final NodeContext node;
    private final Directory directory;
    private final Outbox outbox;
    private final BoxOpener opener;

    public PrivateMessaging(NodeContext node, Directory directory, Outbox outbox) {
        this.node = node;
        this.directory = directory;
        this.outbox = outbox;
        this.opener = new BoxOpener(node, directory);
    }

    /**
     * A PRIVATE packet addressed to this node (the router checked the target). Returns false if
     * the box is invalid: it is dropped and counted, and not forwarded, since the target is the
     * only node that could open it.
     */
    public boolean onPrivate(Packet p, Bodies.Private box) {
        Object content = opener.open(p, box.target(), box.senderKey(), box.ephemeral(),
                box.sealed(), "private message", PrivateContent::decode);
        if (content == null) {
            return false;
        }
        if (content instanceof PrivateContent.Text t) {
            Message m = new Message(p.id(), MessageKind.PRIVATE, p.origin(),
                    directory.nameOf(p.origin()), Optional.of(box.target()), Optional.empty(),
                    t.text(), Instant.ofEpochMilli(p.timestamp()), p.hops());
            node.history().show(m, false);
            // The receipt goes to the key the box was sealed with, the origin's own.
            seal(PacketType.PRIVATE, outbox.newId(), p.origin(), box.senderKey(),
                    PrivateContent.receipt(p.id()));
        }
        // A PRIVATE receipt answers a PRIVATE message, which this node no longer sends.
        return true;
    }

    private Packet seal(int type, MessageId id, NodeId target, byte[] key, byte[] content) {
        NodeId self = node.identity().id();
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
        return BoxOpener.context(id, origin, target);
    }
}
