package dev.ghostmesh.internal.codec;

import dev.ghostmesh.MessageId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * What a DIRECT box holds once opened (PROTOCOL.md, "Direct messages"). Every form names the
 * application message it belongs to by {@code mid}, which stays the same when the sender tries
 * again, so the target delivers it once however many copies arrive.
 *
 * <pre>
 * [0, mid: bin 16, topic: str, payload: bin]                  a message
 * [1, mid: bin 16, status: uint]                              its receipt
 * [2, mid: bin 16, topic: str, payload: bin]                  a request
 * [3, mid: bin 16, status: uint, payload: bin]                the reply to request mid
 * </pre>
 *
 * <p>Threading: stateless; the records are immutable values.
 */
public final class DirectContent {
    static final int MESSAGE = 0;
    static final int RECEIPT = 1;
    static final int REQUEST = 2;
    static final int REPLY = 3;

    /** Receipt and reply status: a handler took it. */
    public static final int DELIVERED = 0;
    /** Receipt and reply status: the target has no handler for the topic. */
    public static final int NO_HANDLER = 1;
    /** Reply status: the handler failed; the payload is its message in UTF-8. */
    public static final int HANDLER_FAILED = 2;
    private static final int MAX_STATUS = 63;

    private DirectContent() {}

    /** Any opened content. */
    public sealed interface Content permits Message, Receipt, Request, Reply {
        /** The application message this belongs to. */
        MessageId mid();
    }

    /** A message on {@code topic} for the target's subscribers. */
    public record Message(MessageId mid, String topic, byte[] payload) implements Content {}

    /** The target got message {@code mid}; {@code status} says whether a handler took it. */
    public record Receipt(MessageId mid, int status) implements Content {}

    /** A request on {@code topic}, answered by a {@link Reply}. */
    public record Request(MessageId mid, String topic, byte[] payload) implements Content {}

    /** The answer to request {@code mid}. */
    public record Reply(MessageId mid, int status, byte[] payload) implements Content {}

    public static byte[] message(MessageId mid, String topic, byte[] payload) {
        return withTopic(MESSAGE, mid, topic, payload);
    }

    public static byte[] request(MessageId mid, String topic, byte[] payload) {
        return withTopic(REQUEST, mid, topic, payload);
    }

    public static byte[] receipt(MessageId mid, int status) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(3).packInt(RECEIPT);
            packId(p, mid);
            p.packInt(status);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] reply(MessageId mid, int status, byte[] payload) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(4).packInt(REPLY);
            packId(p, mid);
            p.packInt(status);
            p.packBinaryHeader(payload.length).writePayload(payload);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] withTopic(int kind, MessageId mid, String topic, byte[] payload) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(4).packInt(kind);
            packId(p, mid);
            p.packString(topic);
            p.packBinaryHeader(payload.length).writePayload(payload);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void packId(MessageBufferPacker p, MessageId mid) throws IOException {
        byte[] id = new byte[MessageId.LENGTH];
        mid.writeTo(id, 0);
        p.packBinaryHeader(MessageId.LENGTH).writePayload(id);
    }

    /** Decodes opened content. */
    public static Content decode(byte[] plain) throws PacketDecodeException {
        try (SchemaReader r = new SchemaReader(plain, 0, plain.length)) {
            int n = r.arrayHeader(3, 4 + Bodies.MAX_EXTRA_FIELDS, "direct content");
            int kind = r.intValue(MESSAGE, REPLY, "direct content kind");
            MessageId mid = MessageId.of(plain, r.binExact(MessageId.LENGTH, "mid"));
            Content out;
            int read;
            if (kind == MESSAGE || kind == REQUEST) {
                if (n < 4) {
                    throw new PacketDecodeException("direct content: topic and payload missing");
                }
                String topic = r.string(TopicNames.MAX_TOPIC_BYTES, "topic");
                String problem = TopicNames.problem(topic);
                if (problem != null) {
                    throw new PacketDecodeException(problem);
                }
                byte[] payload = payload(r, plain);
                out = kind == MESSAGE ? new Message(mid, topic, payload)
                        : new Request(mid, topic, payload);
                read = 4;
            } else if (kind == RECEIPT) {
                out = new Receipt(mid, r.intValue(0, MAX_STATUS, "status"));
                read = 3;
            } else {
                if (n < 4) {
                    throw new PacketDecodeException("direct content: reply payload missing");
                }
                int status = r.intValue(0, MAX_STATUS, "status");
                out = new Reply(mid, status, payload(r, plain));
                read = 4;
            }
            r.skipValues(n - read, "direct content extension");
            r.requireEnd("direct content");
            return out;
        }
    }

    private static byte[] payload(SchemaReader r, byte[] plain) throws PacketDecodeException {
        int length = r.binHeader(TopicBody.MAX_PAYLOAD_BYTES, "payload");
        int at = r.skipPayload(length, "payload");
        return Arrays.copyOfRange(plain, at, at + length);
    }
}
