package dev.ghostmesh.internal.codec;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.crypto.Ed25519Provider;
import dev.ghostmesh.internal.crypto.Ed25519Providers;
import dev.ghostmesh.internal.crypto.Signatures;
import java.util.Arrays;

/**
 * A decoded flooded packet. It keeps the frame it was decoded from and offsets into it, so
 * verifying, relaying and reading the body copy nothing. Immutable by convention, with one
 * exception: the router lowers the (unsigned) remaining-TTL byte of a received frame in place
 * when it relays it ({@link #relayFrame()}); the decoded {@link #ttl()} keeps the value received.
 *
 * @param type the packet type code (see {@link PacketType})
 * @param id the message id
 * @param origin the origin node's id (bound to {@code originKey} by {@link #verify()} and
 *     {@link #originMatchesKey()})
 * @param originTtl the hop limit the origin gave it (signed)
 * @param ttl the remaining hop limit (not signed; relays lower it)
 * @param timestamp the origin's clock in milliseconds since the epoch (signed)
 * @param seq the origin's sequence number, {@code (run epoch millis << 20) | counter} (signed;
 *     see {@code SequenceSource})
 * @param frame the whole encoded frame
 * @param keyOffset offset of the origin's 32-byte public key in {@code frame}
 * @param signedOffset offset of the first signed byte (the version field)
 * @param signedLength number of signed bytes (version through body)
 * @param bodyOffset offset of the type-specific body bytes
 * @param bodyLength length of the body
 * @param signatureOffset offset of the 64-byte signature (of nothing if unsigned: then it
 *     equals {@code ttlOffset})
 * @param ttlOffset offset of the remaining-TTL field, the last field of the frame
 */
public record Packet(int type, MessageId id, NodeId origin, int originTtl, int ttl,
        long timestamp, long seq, byte[] frame, int keyOffset, int signedOffset, int signedLength,
        int bodyOffset, int bodyLength, int signatureOffset, int ttlOffset) {

    /**
     * True if the origin's key hashes to its id and the signature over the signed part verifies
     * with the {@linkplain Ed25519Providers#automatic() automatic} Ed25519 implementation;
     * false for an unsigned packet. For tests and tools: nodes use {@link #verify(Ed25519Provider)}
     * with their own.
     */
    public boolean verify() {
        return verify(Ed25519Providers.automatic());
    }

    /**
     * As {@link #verify()}, checking the signature with {@code ed25519}. The expensive check:
     * the router calls it once per new packet, after the seen check. Thread-safe: it reads
     * nothing but this packet.
     */
    public boolean verify(Ed25519Provider ed25519) {
        return signed() && originMatchesKey()
                && ed25519.verify(frame, keyOffset, frame, signatureOffset, frame, signedOffset,
                        signedLength);
    }

    /**
     * True if the origin key in this packet is exactly {@code key} (32 bytes): the packet names
     * the key a link authenticated as its origin.
     */
    public boolean originKeyIs(byte[] key) {
        return key.length == Identity.PUBLIC_KEY_LENGTH && Arrays.equals(frame, keyOffset,
                keyOffset + Identity.PUBLIC_KEY_LENGTH, key, 0, key.length);
    }

    /**
     * True if the origin's key hashes to its id: all that an open-profile node checks of an
     * origin, since its packets carry no signature.
     */
    public boolean originMatchesKey() {
        return NodeId.fromPublicKey(frame, keyOffset).equals(origin);
    }

    /**
     * True if the packet carries a signature; false for the empty one of an open-profile node
     * (the decoder accepts no other length).
     */
    public boolean signed() {
        return ttlOffset - signatureOffset == Signatures.LENGTH;
    }

    /** A copy of the origin's public key. */
    public byte[] originKey() {
        return Arrays.copyOfRange(frame, keyOffset, keyOffset + Identity.PUBLIC_KEY_LENGTH);
    }

    /** Links crossed when received with {@link #ttl()} (1 for a packet from a direct peer). */
    public int hops() {
        return originTtl - ttl + 1;
    }

    /**
     * The received frame itself with its remaining TTL lowered by one, for the router's relay
     * path: the bytes received go back out with one byte changed and nothing copied. Only for a
     * frame this node owns (transports hand each receiver its own array) and only once; other
     * senders of a stored packet use {@link #withTtl(int)}.
     */
    public byte[] relayFrame() {
        if (ttl < 2) {
            throw new IllegalStateException("ttl " + ttl + " is spent");
        }
        if (ttlOffset != frame.length - 1) {
            return withTtl(ttl - 1);
        }
        frame[ttlOffset] = (byte) (ttl - 1);
        return frame;
    }

    /**
     * The same packet with a lower remaining TTL, for relaying. The signature stays valid because
     * the remaining TTL is not signed; a TTL at most {@code NodeConfig.MAX_TTL} always encodes as
     * one positive-fixint byte, so the new frame is a copy with its last byte replaced.
     */
    public byte[] withTtl(int newTtl) {
        if (newTtl < 0 || newTtl > 127) {
            throw new IllegalArgumentException("ttl " + newTtl);
        }
        byte[] out = Arrays.copyOf(frame, ttlOffset + 1);
        out[ttlOffset] = (byte) newTtl;
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Packet p && p.id.equals(id) && Arrays.equals(p.frame, frame);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return PacketType.name(type) + "[" + id.hex().substring(0, 8) + " from "
                + origin.shortHex() + " ttl " + ttl + "/" + originTtl + "]";
    }
}
