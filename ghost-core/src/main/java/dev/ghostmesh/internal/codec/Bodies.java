package dev.ghostmesh.internal.codec;

import dev.ghostmesh.NodeId;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** BROADCAST: chat text for everyone. */
    public record Broadcast(String text) {}

    /** PRIVATE: chat text for {@code target} only. */
    public record Private(NodeId target, String text) {}

    /** Encodes a BROADCAST body. */
    public static byte[] broadcast(String text) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(1).packString(text);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encodes a PRIVATE body. */
    public static byte[] privateMessage(NodeId target, String text) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(2);
            p.packBinaryHeader(NodeId.LENGTH).writePayload(target.bytes());
            p.packString(text);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
            int n = r.arrayHeader(2, 2 + MAX_EXTRA_FIELDS, "private");
            NodeId target = NodeId.of(packet.frame(), r.binExact(NodeId.LENGTH, "target"));
            String text = r.string(TextRules.MAX_TEXT_BYTES, "text");
            r.skipValues(n - 2, "private extension");
            r.requireEnd("private");
            return new Private(target, text);
        }
    }

    /** Checks the body of a GOODBYE packet. */
    public static void decodeGoodbye(Packet packet) throws PacketDecodeException {
        try (SchemaReader r = bodyReader(packet)) {
            int n = r.arrayHeader(0, MAX_EXTRA_FIELDS, "goodbye");
            r.skipValues(n, "goodbye extension");
            r.requireEnd("goodbye");
        }
    }

    static SchemaReader bodyReader(Packet packet) {
        return new SchemaReader(packet.frame(), packet.bodyOffset(), packet.bodyLength());
    }
}
