package dev.ghostmesh.internal.codec;

import dev.ghostmesh.Identity;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.crypto.Ed25519Provider;
import dev.ghostmesh.internal.crypto.Ed25519Providers;
import dev.ghostmesh.internal.crypto.Signatures;
import dev.ghostmesh.internal.identity.ApiInternals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * What the link layer puts inside the Noise handshake, and its control frames. Every link runs
 * {@code Noise_XX_25519_ChaChaPoly_SHA256}; the second and third handshake messages carry an
 * encrypted payload binding the sender's Ed25519 identity to its Noise static key:
 * {@code [1, ed25519_public_key: bin 32, static_signature: bin 64, username: str,
 * listen_port: int, ...extensions]}, where the signature is Ed25519 over
 * {@code "ghost-terminal noise static v1" || noise_static_public_key}. Noise proves that the
 * peer holds the static key; the signature proves the identity chose it. Stateless.
 */
public final class LinkFrames {
    private static final byte[] STATIC_CONTEXT =
            "ghost-terminal noise static v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PROLOGUE_PREFIX =
            "ghost-terminal noise prologue v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NETWORK_CONTEXT =
            "ghost-terminal network key v1".getBytes(StandardCharsets.US_ASCII);
    /** Length of a network id, the digest of a network key. */
    public static final int NETWORK_ID_LENGTH = 32;

    private LinkFrames() {}

    /** A verified handshake payload: who is on the other end of the link. */
    public record Hello(NodeId id, byte[] publicKey, byte[] agreementKey, String username,
            int listenPort) {}

    /**
     * The network id of a network key: SHA-256({@code "ghost-terminal network key v1"} || 0x00
     * || UTF-8 key); all zeros for the open network (no key).
     */
    public static byte[] networkId(String networkKey) {
        byte[] id = new byte[NETWORK_ID_LENGTH];
        if (networkKey == null) {
            return id;
        }
        SHA256Digest d = new SHA256Digest();
        d.update(NETWORK_CONTEXT, 0, NETWORK_CONTEXT.length);
        d.update((byte) 0);
        byte[] key = networkKey.getBytes(StandardCharsets.UTF_8);
        d.update(key, 0, key.length);
        d.doFinal(id, 0);
        return id;
    }

    /**
     * The Noise prologue: {@code "ghost-terminal noise prologue v1"}, the protocol version byte,
     * then the network id. Both ends mix it into the handshake hash, so a peer of another
     * version or network key fails the second handshake message: nothing to downgrade to.
     */
    public static byte[] prologue(byte[] networkId) {
        if (networkId.length != NETWORK_ID_LENGTH) {
            throw new IllegalArgumentException("a network id is 32 bytes");
        }
        byte[] p = new byte[PROLOGUE_PREFIX.length + 1 + NETWORK_ID_LENGTH];
        System.arraycopy(PROLOGUE_PREFIX, 0, p, 0, PROLOGUE_PREFIX.length);
        p[PROLOGUE_PREFIX.length] = (byte) PacketCodec.VERSION;
        System.arraycopy(networkId, 0, p, PROLOGUE_PREFIX.length + 1, NETWORK_ID_LENGTH);
        return p;
    }

    /**
     * The payload this node sends in its identity-bearing handshake message, signed with the
     * {@linkplain Ed25519Providers#automatic() automatic} Ed25519 implementation (tests, tools).
     */
    public static byte[] handshakePayload(Identity identity, String username, int listenPort) {
        return handshakePayload(identity, Ed25519Providers.automatic(), username, listenPort);
    }

    /** The payload this node sends in its identity-bearing handshake message. */
    public static byte[] handshakePayload(Identity identity, Ed25519Provider signer,
            String username, int listenPort) {
        byte[] toSign = concat(STATIC_CONTEXT, identity.agreementPublicKey());
        byte[] signature = ApiInternals.sign(identity, signer.kind(), toSign, 0, toSign.length);
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(5);
            p.packInt(PacketCodec.VERSION);
            p.packBinaryHeader(Identity.PUBLIC_KEY_LENGTH).writePayload(identity.publicKey());
            p.packBinaryHeader(Signatures.LENGTH).writePayload(signature);
            p.packString(username).packInt(listenPort);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes the peer's handshake payload and checks that its identity signed
     * {@code remoteStatic}, the Noise static key the handshake authenticated.
     */
    public static Hello decodeHandshakePayload(byte[] payload, byte[] remoteStatic)
            throws PacketDecodeException {
        return decodeHandshakePayload(payload, remoteStatic, Ed25519Providers.automatic());
    }

    /** As {@link #decodeHandshakePayload(byte[], byte[])}, verifying with {@code verifier}. */
    public static Hello decodeHandshakePayload(byte[] payload, byte[] remoteStatic,
            Ed25519Provider verifier) throws PacketDecodeException {
        try (SchemaReader r = new SchemaReader(payload, 0, payload.length)) {
            int n = r.arrayHeader(5, 5 + Bodies.MAX_EXTRA_FIELDS, "handshake payload");
            r.intValue(PacketCodec.VERSION, PacketCodec.VERSION, "version");
            int keyAt = r.binExact(Identity.PUBLIC_KEY_LENGTH, "public key");
            int sigAt = r.binExact(Signatures.LENGTH, "static key signature");
            String username = r.string(TextRules.MAX_USERNAME_BYTES, "username");
            String problem = TextRules.usernameProblem(username);
            if (problem != null) {
                throw new PacketDecodeException("username " + problem);
            }
            int port = r.intValue(0, 65535, "listen port");
            r.skipValues(n - 5, "handshake payload extension");
            r.requireEnd("handshake payload");
            byte[] key = Arrays.copyOfRange(payload, keyAt, keyAt + Identity.PUBLIC_KEY_LENGTH);
            byte[] signed = concat(STATIC_CONTEXT, remoteStatic);
            if (!verifier.verify(key, 0, payload, sigAt, signed, 0, signed.length)) {
                throw new PacketDecodeException("the identity did not sign this link's key");
            }
            return new Hello(NodeId.fromPublicKey(key), key, remoteStatic.clone(), username,
                    port);
        }
    }

    /**
     * A control frame without fields: {@code [1, 64]} (ACCEPT), {@code [1, 66]} (PING) or
     * {@code [1, 67]} (PONG). Fixed bytes.
     */
    public static byte[] keepalive(int type) {
        if (type != PacketType.PING && type != PacketType.PONG && type != PacketType.ACCEPT) {
            throw new IllegalArgumentException("not a keepalive type: " + type);
        }
        return new byte[] {(byte) 0x92, (byte) PacketCodec.VERSION, (byte) type};
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
