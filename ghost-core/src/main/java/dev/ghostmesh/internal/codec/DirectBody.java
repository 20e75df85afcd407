package dev.ghostmesh.internal.codec;

import dev.ghostmesh.NodeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * DIRECT: a sealed box for {@code target} only, sent along the route to it rather than to
 * every node (see PROTOCOL.md, "Direct messages"). What the box holds is {@link DirectContent};
 * the sealing is that of PRIVATE.
 *
 * <pre>[target: bin 16, sender_key: bin 32, ephemeral_key: bin 32, sealed: bin, flood: bool]</pre>
 *
 * @param senderKey the origin's X25519 key (signed with the rest of the envelope)
 * @param ephemeral the sender's one-time X25519 key for this packet
 * @param sealed the ciphertext with its 16-byte tag
 * @param flood true if every node forwards it to every link (a retry, or no route was known),
 *     false if each forwards it to its next hop towards the target
 */
public record DirectBody(NodeId target, byte[] senderKey, byte[] ephemeral, byte[] sealed,
        boolean flood) implements PacketBody {
    /** Largest sealed content: a payload of the topic limit plus its framing and the tag. */
    public static final int MAX_SEALED_BYTES = TopicBody.MAX_PAYLOAD_BYTES + 512;

    /** Only its target opens (and acts on) a direct box; every other node forwards it. */
    @Override
    public boolean addressedTo(NodeId self) {
        return target.equals(self);
    }

    /** Encodes this body. */
    public byte[] encode() {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(5);
            Bodies.packBox(p, target, senderKey, ephemeral, sealed);
            p.packBoolean(flood);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes the body of a DIRECT packet. */
    public static DirectBody decode(Packet packet) throws PacketDecodeException {
        try (SchemaReader r = Bodies.bodyReader(packet)) {
            int n = r.arrayHeader(5, 5 + Bodies.MAX_EXTRA_FIELDS, "direct");
            Bodies.Box box = Bodies.readBox(r, packet.frame(), MAX_SEALED_BYTES);
            boolean flood = r.bool("flood");
            r.skipValues(n - 5, "direct extension");
            r.requireEnd("direct");
            return new DirectBody(box.target(), box.senderKey(), box.ephemeral(), box.sealed(),
                    flood);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DirectBody d && target.equals(d.target) && flood == d.flood
                && Arrays.equals(senderKey, d.senderKey) && Arrays.equals(ephemeral, d.ephemeral)
                && Arrays.equals(sealed, d.sealed);
    }

    @Override
    public int hashCode() {
        return target.hashCode() * 31 + Arrays.hashCode(sealed);
    }

    @Override
    public String toString() {
        return "DirectBody[to " + target.shortHex() + ", " + sealed.length + " sealed bytes"
                + (flood ? ", flooded" : "") + "]";
    }
}
