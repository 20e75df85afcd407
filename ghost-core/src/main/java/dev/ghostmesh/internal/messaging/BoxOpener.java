package dev.ghostmesh.internal.messaging;

import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.crypto.PrivateBox;
import dev.ghostmesh.internal.directory.Directory;
import dev.ghostmesh.internal.runtime.NodeContext;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the boxes sealed to this node (PRIVATE and DIRECT share the sealing): checks that the
 * box's sender key is the origin's agreement key as this node knows it, opens it, and decodes
 * what is inside; anything that fails is counted as invalid and logged (rate-limited).
 *
 * <p>Threading: confined to the node's loop.
 */
final class BoxOpener {
    private static final Logger log = LoggerFactory.getLogger(BoxOpener.class);

    /** Decodes a box's plaintext. */
    @FunctionalInterface
    interface Decoder<T> {
        T decode(byte[] plain) throws PacketDecodeException;
    }

    private final NodeContext node;
    private final Directory directory;

    BoxOpener(NodeContext node, Directory directory) {
        this.node = node;
        this.directory = directory;
    }

    /**
     * The content of the box {@code p} carries for this node ({@code what} names it in the
     * log), or null if it is refused (dropped and counted).
     */
    <T> T open(Packet p, NodeId target, byte[] senderKey, byte[] ephemeral, byte[] sealed,
            String what, Decoder<T> decoder) {
        byte[] known = directory.agreementKeyOf(p.origin());
        if (known == null || !MessageDigest.isEqual(known, senderKey)) {
            // dh2 authenticates the box by its sender key; only the key bound to the origin's
            // identity (its signed announce, its link handshake) makes that the origin's.
            node.counters().invalid.incrementAndGet();
            node.refusals().info(log, "dropped a {} from {}: {}", what, p.origin().shortHex(),
                    known == null ? "its agreement key is unknown here (no announce from it yet)"
                            : "sealed with a sender key that is not its announced key");
            return null;
        }
        try {
            byte[] plain = PrivateBox.open(node.identity(), senderKey, ephemeral,
                    context(p.id(), p.origin(), target), sealed);
            return decoder.decode(plain);
        } catch (CryptoException | PacketDecodeException e) {
            node.counters().invalid.incrementAndGet();
            node.refusals().info(log, "dropped a {} from {} that does not open: {}", what,
                    p.origin().shortHex(), e.getMessage());
            return null;
        }
    }

    /** What the box's AEAD binds: packet id, origin and target, so it cannot be moved. */
    static byte[] context(MessageId id, NodeId origin, NodeId target) {
        byte[] c = new byte[MessageId.LENGTH + 2 * NodeId.LENGTH];
        id.writeTo(c, 0);
        origin.writeTo(c, MessageId.LENGTH);
        target.writeTo(c, MessageId.LENGTH + NodeId.LENGTH);
        return c;
    }
}
