package dev.ghostmesh.internal.codec;

import dev.ghostmesh.Identity;
import dev.ghostmesh.NodeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Link-control frames of the authentication handshake. Each side sends a HELLO with a fresh
 * nonce, then an AUTH: its Ed25519 signature over {@code "ghost-terminal link auth v1"}, its own
 * HELLO frame and the peer's HELLO frame. Both nonces are in the transcript, so an AUTH cannot be
 * replayed on another link, and the key's owner must be on the other end. Stateless.
 */
public final class LinkFrames {
    /** Length of the handshake nonce. */
    public static final int NONCE_LENGTH = 32;
    private static final byte[] AUTH_CONTEXT =
            "ghost-terminal link auth v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private LinkFrames() {}

    /** A decoded HELLO; {@code frame} is kept for the AUTH transcript. */
    public record Hello(NodeId id, byte[] publicKey, String username, int listenPort,
            byte[] nonce, byte[] frame) {}

    /** Encodes a HELLO frame. */
    public static byte[] hello(Identity identity, String username, int listenPort, byte[] nonce) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(7);
            p.packInt(PacketCodec.VERSION).packInt(PacketType.HELLO);
            p.packBinaryHeader(NodeId.LENGTH).writePayload(identity.nodeId().bytes());
            p.packBinaryHeader(Identity.PUBLIC_KEY_LENGTH).writePayload(identity.publicKey());
            p.packString(username).packInt(listenPort);
            p.packBinaryHeader(NONCE_LENGTH).writePayload(nonce);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes a HELLO frame; checks that the claimed id is the hash of the key. */
    public static Hello decodeHello(byte[] frame) throws PacketDecodeException {
        try (SchemaReader r = new SchemaReader(frame, 0, frame.length)) {
            int n = r.arrayHeader(7, 7 + Bodies.MAX_EXTRA_FIELDS, "hello");
            r.intValue(PacketCodec.VERSION, PacketCodec.VERSION, "version");
            r.intValue(PacketType.HELLO, PacketType.HELLO, "type");
            NodeId id = NodeId.of(frame, r.binExact(NodeId.LENGTH, "node id"));
            int keyAt = r.binExact(Identity.PUBLIC_KEY_LENGTH, "public key");
            byte[] key = Arrays.copyOfRange(frame, keyAt, keyAt + Identity.PUBLIC_KEY_LENGTH);
            String username = r.string(TextRules.MAX_USERNAME_BYTES, "username");
            String problem = TextRules.usernameProblem(username);
            if (problem != null) {
                throw new PacketDecodeException("username " + problem);
            }
            int port = r.intValue(0, 65535, "listen port");
            int nonceAt = r.binExact(NONCE_LENGTH, "nonce");
            r.skipValues(n - 7, "hello extension");
            r.requireEnd("hello");
            if (!NodeId.fromPublicKey(key).equals(id)) {
                throw new PacketDecodeException("node id is not the hash of the public key");
            }
            byte[] nonce = Arrays.copyOfRange(frame, nonceAt, nonceAt + NONCE_LENGTH);
            return new Hello(id, key, username, port, nonce, frame);
        }
    }

    /** Encodes an AUTH frame proving {@code identity} on the link of this transcript. */
    public static byte[] auth(Identity identity, byte[] ownHello, byte[] peerHello) {
        byte[] transcript = transcript(ownHello, peerHello);
        byte[] signature = identity.sign(transcript, 0, transcript.length);
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(3);
            p.packInt(PacketCodec.VERSION).packInt(PacketType.AUTH);
            p.packBinaryHeader(Identity.SIGNATURE_LENGTH).writePayload(signature);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks an AUTH frame from the peer of {@code peerHello}: its signature must cover the
     * peer's HELLO first, then ours.
     */
    public static boolean verifyAuth(byte[] authFrame, Hello peerHello, byte[] ownHello)
            throws PacketDecodeException {
        try (SchemaReader r = new SchemaReader(authFrame, 0, authFrame.length)) {
            int n = r.arrayHeader(3, 3 + Bodies.MAX_EXTRA_FIELDS, "auth");
            r.intValue(PacketCodec.VERSION, PacketCodec.VERSION, "version");
            r.intValue(PacketType.AUTH, PacketType.AUTH, "type");
            int sigAt = r.binExact(Identity.SIGNATURE_LENGTH, "signature");
            r.skipValues(n - 3, "auth extension");
            r.requireEnd("auth");
            byte[] transcript = transcript(peerHello.frame(), ownHello);
            return Identity.verify(peerHello.publicKey(), 0, authFrame, sigAt, transcript, 0,
                    transcript.length);
        }
    }

    /** A keepalive frame: {@code [1, 66]} (PING) or {@code [1, 67]} (PONG). Fixed bytes. */
    public static byte[] keepalive(int type) {
        if (type != PacketType.PING && type != PacketType.PONG) {
            throw new IllegalArgumentException("not a keepalive type: " + type);
        }
        return new byte[] {(byte) 0x92, (byte) PacketCodec.VERSION, (byte) type};
    }

    private static byte[] transcript(byte[] first, byte[] second) {
        byte[] t = new byte[AUTH_CONTEXT.length + first.length + second.length];
        System.arraycopy(AUTH_CONTEXT, 0, t, 0, AUTH_CONTEXT.length);
        System.arraycopy(first, 0, t, AUTH_CONTEXT.length, first.length);
        System.arraycopy(second, 0, t, AUTH_CONTEXT.length + first.length, second.length);
        return t;
    }
}
