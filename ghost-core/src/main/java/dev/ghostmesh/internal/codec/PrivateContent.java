package dev.ghostmesh.internal.codec;

import dev.ghostmesh.MessageId;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * What a PRIVATE box holds once opened: {@code [0, text: str]} for a message, or
 * {@code [1, acked_id: bin 16]} for a delivery receipt. Both kinds look alike to relays, who see
 * only ciphertext. Stateless and thread-safe.
 */
public final class PrivateContent {
    static final int TEXT = 0;
    static final int RECEIPT = 1;

    private PrivateContent() {}

    /** A private text message. */
    public record Text(String text) {}

    /** A receipt: the recipient opened the private message {@code acked}. */
    public record Receipt(MessageId acked) {}

    /** Encodes a text message. */
    public static byte[] text(String text) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(2).packInt(TEXT).packString(text);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encodes a receipt for {@code acked}. */
    public static byte[] receipt(MessageId acked) {
        byte[] id = new byte[MessageId.LENGTH];
        acked.writeTo(id, 0);
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(2).packInt(RECEIPT);
            p.packBinaryHeader(MessageId.LENGTH).writePayload(id);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes opened content into a {@link Text} or a {@link Receipt}. */
    public static Object decode(byte[] plain) throws PacketDecodeException {
        try (SchemaReader r = new SchemaReader(plain, 0, plain.length)) {
            int n = r.arrayHeader(2, 2 + Bodies.MAX_EXTRA_FIELDS, "private content");
            int kind = r.intValue(TEXT, RECEIPT, "private content kind");
            Object out;
            if (kind == TEXT) {
                out = new Text(r.string(TextRules.MAX_TEXT_BYTES, "text"));
            } else {
                out = new Receipt(MessageId.of(plain, r.binExact(MessageId.LENGTH, "acked id")));
            }
            r.skipValues(n - 2, "private content extension");
            r.requireEnd("private content");
            return out;
        }
    }
}
