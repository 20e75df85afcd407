package dev.ghostmesh.testing;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.PrivateContent;
import dev.ghostmesh.internal.codec.TopicBody;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.crypto.PrivateBox;
import dev.ghostmesh.internal.identity.ApiInternals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Makes the packets an attacker sends: properly signed with its own key (each with a fresh id
 * and the next sequence number, so only the lie under test gets it refused), envelopes that
 * claim another origin, and MessagePack built to hurt a decoder.
 *
 * <p>Threading: not thread-safe; one test thread.
 */
public final class Forgery {
    private final Identity signer;
    private final Random ids;
    private long seq;

    public Forgery(Identity signer, long seed) {
        this.signer = signer;
        this.ids = new Random(seed);
    }

    /** A signed BROADCAST of {@code text}, dated now: what an older node sends. */
    public byte[] broadcast(String text) {
        return signed(PacketType.BROADCAST, Bodies.broadcast(text));
    }

    /** A signed TOPIC message of {@code text} on the chat's topic, as nodes send broadcasts. */
    public byte[] chat(String text) {
        return topic(ReservedTopics.CHAT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A signed TOPIC message of {@code payload} on {@code topic}, no expiry, no key. */
    public byte[] topic(String topic, byte[] payload) {
        return signed(PacketType.TOPIC, new TopicBody(topic, payload, 0, "").encode());
    }

    /** A signed packet with origin TTL 8. */
    public byte[] signed(int type, byte[] body) {
        return signed(type, 8, body);
    }

    /** A signed packet with origin TTL 8 and id {@code id} (sealed bodies bind their id). */
    public byte[] signed(int type, MessageId id, byte[] body) {
        return PacketCodec.encode(signer, type, id, 8, System.currentTimeMillis(), seq++, body);
    }

    /** A signed packet with origin TTL and remaining TTL {@code ttl}. */
    public byte[] signed(int type, int ttl, byte[] body) {
        return PacketCodec.encode(signer, type, MessageId.random(ids), ttl,
                System.currentTimeMillis(), seq++, body);
    }

    /**
     * An envelope that names {@code origin} and {@code originKey} but is signed by this forger,
     * exactly as the codec would lay it out: the signature covers what it claims.
     */
    public byte[] claiming(NodeId origin, byte[] originKey, int type, byte[] body) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(11);
            int signedStart = (int) p.getTotalWrittenBytes();
            byte[] id = new byte[MessageId.LENGTH];
            MessageId.random(ids).writeTo(id, 0);
            p.packInt(PacketCodec.VERSION).packInt(type);
            p.packBinaryHeader(id.length).writePayload(id);
            p.packBinaryHeader(NodeId.LENGTH).writePayload(origin.bytes());
            p.packBinaryHeader(originKey.length).writePayload(originKey);
            p.packInt(8).packLong(System.currentTimeMillis()).packLong(seq++);
            p.packBinaryHeader(body.length).writePayload(body);
            byte[] signed = p.toByteArray();
            byte[] signature = ApiInternals.sign(signer, signed, signedStart,
                    signed.length - signedStart);
            p.packBinaryHeader(signature.length).writePayload(signature);
            p.packInt(8);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A signed PRIVATE packet of {@code text} to {@code target}, its box sealed by
     * {@code boxSender}'s X25519 key (the signer's own, or anyone's, for a lie about it) to
     * {@code targetKey}, bound to the packet's id, the signer as origin, and the target.
     */
    public byte[] privateMessage(Identity boxSender, NodeId target, byte[] targetKey,
            String text) {
        MessageId id = MessageId.random(ids);
        byte[] context = new byte[MessageId.LENGTH + 2 * NodeId.LENGTH];
        id.writeTo(context, 0);
        signer.id().writeTo(context, MessageId.LENGTH);
        target.writeTo(context, MessageId.LENGTH + NodeId.LENGTH);
        PrivateBox.Sealed box;
        try {
            box = PrivateBox.seal(boxSender, targetKey, context, PrivateContent.text(text));
        } catch (CryptoException e) {
            throw new AssertionError(e);
        }
        byte[] body = Bodies.privateMessage(target, boxSender.agreementPublicKey(),
                box.ephemeralPublic(), box.ciphertext());
        return PacketCodec.encode(signer, PacketType.PRIVATE, id, 8, System.currentTimeMillis(),
                seq++, body);
    }

    /** A copy of {@code frame} with the byte at {@code offset} set to {@code value}. */
    public static byte[] withByte(byte[] frame, int offset, int value) {
        byte[] out = frame.clone();
        out[offset] = (byte) value;
        return out;
    }

    /** A BROADCAST body {@code [text]} whose text is {@code utf8} as given, valid or not. */
    public static byte[] rawTextBody(byte[] utf8) {
        return concat(new byte[] {(byte) 0x91, (byte) 0xd9, (byte) utf8.length}, utf8);
    }

    /**
     * A BROADCAST body {@code [text, extension]}: an honest text followed by one extra field, as
     * a newer version might add; receivers must skip the field without trusting it.
     */
    public static byte[] withExtension(String text, byte[] extension) {
        byte[] plain = Bodies.broadcast(text);
        plain[0] = (byte) 0x92; // fixarray(1) -> fixarray(2): one more field follows the text
        return concat(plain, extension);
    }

    /** {@code depth} nested one-element arrays around a nil: {@code [[[...[nil]...]]]}. */
    public static byte[] nested(int depth) {
        byte[] out = new byte[depth + 1];
        Arrays.fill(out, 0, depth, (byte) 0x91);
        out[depth] = (byte) 0xc0;
        return out;
    }

    /** A header claiming {@code 0xffffffff} elements or bytes: array32, map32, str32... */
    public static byte[] claimsAll(int formatByte) {
        return new byte[] {(byte) formatByte, -1, -1, -1, -1};
    }

    /** A header claiming {@code 2^31 - 1} elements or bytes. */
    public static byte[] claimsMaxInt(int formatByte) {
        return new byte[] {(byte) formatByte, 0x7f, -1, -1, -1};
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
