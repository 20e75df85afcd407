package dev.ghostmesh.internal.codec;

import dev.ghostmesh.NodeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Type-specific packet bodies. Each body is a MessagePack array; decoders accept (and skip) up
 * to {@link #MAX_EXTRA_FIELDS} extra trailing fields so newer versions can extend a body without
 * older nodes dropping it. Stateless and thread-safe.
 */
public final class Bodies {
    /** Trailing fields a decoder skips; more is treated as malformed. */
    static final int MAX_EXTRA_FIELDS = 16;

    private Bodies() {}

    /** BROADCAST: chat text for everyone, from an older node (see {@link ChatTopics}). */
    public record Broadcast(String text) implements PacketBody {}

    /** GOODBYE: an origin leaving the mesh; the body carries nothing (yet). */
    public record Goodbye() implements PacketBody {
        /** The one value: every goodbye body is the same. */
        public static final Goodbye INSTANCE = new Goodbye();
    }

    /**
     * PRIVATE: a sealed box for {@code target} only (see {@link PrivateContent} for what is
     * inside and {@code PrivateBox} for the encryption). Relays see the target and nothing else.
     *
     * @param senderKey the origin's X25519 key (signed with the rest of the envelope)
     * @param ephemeral the sender's one-time X25519 key for this message
     * @param sealed the ciphertext with its 16-byte tag
     */
    public record Private(NodeId target, byte[] senderKey, byte[] ephemeral, byte[] sealed)
            implements PacketBody {
        /** Only its target opens (and acts on) a private box; every other node relays it. */
        @Override
        public boolean addressedTo(NodeId self) {
            return target.equals(self);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Private p && target.equals(p.target)
                    && Arrays.equals(senderKey, p.senderKey) && Arrays.equals(ephemeral, p.ephemeral)
                    && Arrays.equals(sealed, p.sealed);
        }

        @Override
        public int hashCode() {
            return target.hashCode() * 31 + Arrays.hashCode(sealed);
        }
    }

    /** Largest sealed PRIVATE content: a text of the maximum length plus framing and tag. */
    public static final int MAX_SEALED_BYTES = TextRules.MAX_TEXT_BYTES + 64;
    private static final int KEY_BYTES = 32;

    /**
     * Encodes a BROADCAST body. Nodes no longer send one (the chat publishes on
     * {@link ChatTopics#CHAT}); this serves tests, vectors and tools that play an older node.
     */
    public static byte[] broadcast(String text) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(1).packString(text);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encodes a PRIVATE body: {@code [target, sender_key, ephemeral_key, sealed]}. */
    public static byte[] privateMessage(NodeId target, byte[] senderKey, byte[] ephemeral,
            byte[] sealed) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(4);
            packBox(p, target, senderKey, ephemeral, sealed);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The four fields a sealed box for one node starts with (PRIVATE and DIRECT): target,
     * sender key, ephemeral key, sealed bytes.
     */
    static void packBox(MessageBufferPacker p, NodeId target, byte[] senderKey,
            byte[] ephemeral, byte[] sealed) throws IOException {
        p.packBinaryHeader(NodeId.LENGTH).writePayload(target.bytes());
        p.packBinaryHeader(KEY_BYTES).writePayload(senderKey);
        p.packBinaryHeader(KEY_BYTES).writePayload(ephemeral);
        p.packBinaryHeader(sealed.length).writePayload(sealed);
    }

    /** A sealed box's four fields as read from a frame. */
    record Box(NodeId target, byte[] senderKey, byte[] ephemeral, byte[] sealed) {}

    /** Reads the four fields {@link #packBox} writes; sealed is 16..{@code maxSealed} bytes. */
    static Box readBox(SchemaReader r, byte[] frame, int maxSealed)
            throws PacketDecodeException {
        NodeId target = NodeId.of(frame, r.binExact(NodeId.LENGTH, "target"));
        int senderAt = r.binExact(KEY_BYTES, "sender key");
        int ephemeralAt = r.binExact(KEY_BYTES, "ephemeral key");
        int sealedLength = r.binHeader(maxSealed, "sealed content");
        if (sealedLength < 16) {
            throw new PacketDecodeException("sealed content shorter than its tag");
        }
        int sealedAt = r.skipPayload(sealedLength, "sealed content");
        return new Box(target, Arrays.copyOfRange(frame, senderAt, senderAt + KEY_BYTES),
                Arrays.copyOfRange(frame, ephemeralAt, ephemeralAt + KEY_BYTES),
                Arrays.copyOfRange(frame, sealedAt, sealedAt + sealedLength));
    }

    /** Encodes a GOODBYE body (an empty array). */
    public static byte[] goodbye() {
        return new byte[] {(byte) 0x90};
    }

    /** Decodes the body of a BROADCAST packet. */
    public static Broadcast decodeBroadcast(Packet packet) throws PacketDecodeException {
        try (SchemaReader r = bodyReader(packet)) {
            int n = r.arrayHeader(1, 1 + MAX_EXTRA_FIELDS, "broadcast");
            String text = r.string(TextRules.MAX_TEXT_BYTES, "text");
            r.skipValues(n - 1, "broadcast extension");
            r.requireEnd("broadcast");
            return new Broadcast(text);
        }
    }

    /** Decodes the body of a PRIVATE packet. */
    public static Private decodePrivate(Packet packet) throws PacketDecodeException {
        try (SchemaReader r = bodyReader(packet)) {
            int n = r.arrayHeader(4, 4 + MAX_EXTRA_FIELDS, "private");
            Box box = readBox(r, packet.frame(), MAX_SEALED_BYTES);
            r.skipValues(n - 4, "private extension");
            r.requireEnd("private");
            return new Private(box.target(), box.senderKey(), box.ephemeral(), box.sealed());
        }
    }

    /** Checks the body of a GOODBYE packet. */
    public static Goodbye decodeGoodbye(Packet packet) throws PacketDecodeException {
        try (SchemaReader r = bodyReader(packet)) {
            int n = r.arrayHeader(0, MAX_EXTRA_FIELDS, "goodbye");
            r.skipValues(n, "goodbye extension");
            r.requireEnd("goodbye");
        }
        return Goodbye.INSTANCE;
    }

    static SchemaReader bodyReader(Packet packet) {
        return new SchemaReader(packet.frame(), packet.bodyOffset(), packet.bodyLength());
    }
}
