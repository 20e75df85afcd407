package dev.ghostmesh.internal.codec;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.crypto.Ed25519Provider;
import dev.ghostmesh.internal.crypto.Ed25519Providers;
import dev.ghostmesh.internal.crypto.Signatures;
import dev.ghostmesh.internal.identity.ApiInternals;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Encodes and decodes the flooded-packet envelope, a MessagePack array of eleven fields:
 *
 * <pre>
 * [version, type, id(bin16), origin(bin16), originKey(bin32), originTtl, timestamp, seq,
 *  body(bin), signature(bin64), ttl]
 * </pre>
 *
 * The signature is Ed25519 by the origin over the encoded bytes of fields 0-8 exactly as they
 * appear in the frame, so verifying needs no re-encoding and a relay can change only the last
 * field, the remaining TTL. Nodes of the open profile send an empty signature ({@code bin 0});
 * the decoder accepts 0 or 64 bytes and leaves it to the router to refuse what its profile
 * does not allow. Stateless and thread-safe.
 */
public final class PacketCodec {
    /** The protocol version this code speaks. */
    public static final int VERSION = 1;
    /**
     * Largest plaintext frame, in bytes: a Noise transport message is at most 65,535 bytes,
     * 16 of which are the authentication tag.
     */
    public static final int MAX_FRAME_BYTES = 65_535 - 16;
    /** Largest TTL accepted on the wire (a one-byte positive fixint). */
    public static final int MAX_WIRE_TTL = 127;
    static final int ENVELOPE_FIELDS = 11;

    private PacketCodec() {}

    /**
     * Builds and signs a packet from this node. Called on the node thread.
     *
     * @param seq the origin's sequence number for replay protection, non-negative
     */
    public static byte[] encode(Identity origin, int type, MessageId id, int ttl, long timestamp,
            long seq, byte[] body) {
        return encode(origin, type, id, ttl, timestamp, seq, body, true);
    }

    /**
     * Builds a packet from this node, signed or, for the open profile, with an empty signature
     * ({@code bin 0}): the envelope keeps its shape, so relays and decoders handle both alike.
     */
    public static byte[] encode(Identity origin, int type, MessageId id, int ttl, long timestamp,
            long seq, byte[] body, boolean sign) {
        return encode(origin, sign ? Ed25519Providers.automatic() : null, type, id, ttl,
                timestamp, seq, body);
    }

    /**
     * Builds a packet from this node, signed with {@code signer} (the node's Ed25519
     * implementation), or with an empty signature if {@code signer} is null (the open profile).
     * Called on the node thread.
     */
    public static byte[] encode(Identity origin, Ed25519Provider signer, int type, MessageId id,
            int ttl, long timestamp, long seq, byte[] body) {
        if (!PacketType.isFlooded(type)) {
            throw new IllegalArgumentException("not a flooded type: " + type);
        }
        if (ttl < 1 || ttl > MAX_WIRE_TTL) {
            throw new IllegalArgumentException("ttl " + ttl);
        }
        if (timestamp < 0 || seq < 0) {
            throw new IllegalArgumentException("timestamp " + timestamp + ", seq " + seq);
        }
        byte[] idBytes = new byte[MessageId.LENGTH];
        id.writeTo(idBytes, 0);
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(ENVELOPE_FIELDS);
            int signedStart = (int) p.getTotalWrittenBytes();
            p.packInt(VERSION);
            p.packInt(type);
            p.packBinaryHeader(MessageId.LENGTH).writePayload(idBytes);
            p.packBinaryHeader(NodeId.LENGTH).writePayload(origin.id().bytes());
            p.packBinaryHeader(Identity.PUBLIC_KEY_LENGTH).writePayload(origin.publicKey());
            p.packInt(ttl);
            p.packLong(timestamp);
            p.packLong(seq);
            p.packBinaryHeader(body.length).writePayload(body);
            if (signer != null) {
                byte[] signed = p.toByteArray();
                byte[] signature = ApiInternals.sign(origin, signer.kind(), signed, signedStart,
                        signed.length - signedStart);
                p.packBinaryHeader(Signatures.LENGTH).writePayload(signature);
            } else {
                p.packBinaryHeader(0);
            }
            p.packInt(ttl);
            byte[] frame = p.toByteArray();
            if (frame.length > MAX_FRAME_BYTES) {
                throw new IllegalArgumentException("packet of " + frame.length
                        + " bytes exceeds the frame limit of " + MAX_FRAME_BYTES);
            }
            return frame;
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory packing cannot fail", e);
        }
    }

    /**
     * Decodes the envelope of a flooded packet; the body stays raw (see {@link Bodies}). Checks
     * structure and ranges only, not the signature, which may be empty:
     * {@link Packet#verify(Ed25519Provider)} checks that.
     *
     * @throws PacketDecodeException for anything that is not a well-formed envelope
     */
    public static Packet decode(byte[] frame) throws PacketDecodeException {
        if (frame.length > MAX_FRAME_BYTES) {
            throw new PacketDecodeException("frame of " + frame.length + " bytes exceeds limit");
        }
        try (SchemaReader r = new SchemaReader(frame, 0, frame.length)) {
            r.arrayHeader(ENVELOPE_FIELDS, ENVELOPE_FIELDS, "envelope");
            int signedOffset = r.position();
            int version = r.intValue(0, 255, "version");
            if (version != VERSION) {
                throw new PacketDecodeException("unsupported protocol version " + version);
            }
            int type = r.intValue(0, PacketType.MAX_FLOODED, "type");
            MessageId id = MessageId.of(frame, r.binExact(MessageId.LENGTH, "id"));
            NodeId origin = NodeId.of(frame, r.binExact(NodeId.LENGTH, "origin"));
            int keyOffset = r.binExact(Identity.PUBLIC_KEY_LENGTH, "origin key");
            int originTtl = r.intValue(1, MAX_WIRE_TTL, "origin ttl");
            long timestamp = r.integer(0, Long.MAX_VALUE, "timestamp");
            long seq = r.integer(0, Long.MAX_VALUE, "seq");
            int bodyLength = r.binHeader(MAX_FRAME_BYTES, "body");
            int bodyOffset = r.skipPayload(bodyLength, "body");
            int signedLength = r.position() - signedOffset;
            int signatureLength = r.binHeader(Signatures.LENGTH, "signature");
            if (signatureLength != 0 && signatureLength != Signatures.LENGTH) {
                throw new PacketDecodeException("signature of " + signatureLength + " bytes");
            }
            int signatureOffset = r.skipPayload(signatureLength, "signature");
            int ttlOffset = r.position();
            int ttl = r.intValue(1, originTtl, "ttl");
            r.requireEnd("envelope");
            return new Packet(type, id, origin, originTtl, ttl, timestamp, seq, frame,
                    keyOffset, signedOffset, signedLength, bodyOffset, bodyLength,
                    signatureOffset, ttlOffset);
        }
    }

    /**
     * The type code of a frame, read from its first bytes without decoding the rest, so the node
     * can tell link-control frames from flooded packets. Returns -1 if the frame does not start
     * like an envelope.
     */
    public static int peekType(byte[] frame) {
        // [fixarray][version fixint][type fixint]: all our encoders write these as single bytes.
        if (frame.length < 3 || (frame[0] & 0xF0) != 0x90 || frame[1] != VERSION) {
            return -1;
        }
        int type = frame[2];
        return type >= 0 && type <= PacketType.MAX_TYPE ? type : -1;
    }
}
