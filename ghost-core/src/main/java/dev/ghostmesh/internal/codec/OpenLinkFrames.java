package dev.ghostmesh.internal.codec;

import dev.ghostmesh.Identity;
import dev.ghostmesh.NodeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The plaintext handshake of the open profile. Each frame is the 8 ASCII bytes
 * {@code GHSTOPEN} followed by one MessagePack array {@code [1, kind, ...]}:
 *
 * <pre>
 * START    [1, 1, network_id: bin 32, ...extensions]    the dialer's first frame; an acceptor
 *                                                        on another network answers with its own
 * HELLO    [1, 2, network_id: bin 32, ed25519_public_key: bin 32,
 *           x25519_public_key: bin 32, username: str, listen_port, ...extensions]
 * MISMATCH [1, 3]          "I use the other profile": sent before closing, so both ends can say why
 * </pre>
 *
 * A Noise first message is exactly 32 bytes of key; an open frame is never 32 bytes long and
 * starts with the magic, so the two can never be mistaken for each other. Stateless.
 */
public final class OpenLinkFrames {
    private static final byte[] MAGIC = "GHSTOPEN".getBytes(StandardCharsets.US_ASCII);
    /** The dialer's first frame: the network it wants, no identity yet. */
    public static final int START = 1;
    /** An identity: the acceptor's answer to START, then the dialer's once it checked it. */
    public static final int HELLO = 2;
    /** Sent by either profile to a peer that speaks the other, just before closing. */
    public static final int MISMATCH = 3;
    private static final int HELLO_FIELDS = 7;
    /** Why a peer on another network is refused. */
    public static final String ANOTHER_NETWORK =
            "the peer is on another network (another network key, or none)";
    /** Length of a Noise first message (an X25519 key, no payload). */
    private static final int NOISE_FIRST_MESSAGE = 32;

    private OpenLinkFrames() {}

    /** True if {@code frame} is an open-profile handshake frame (by its magic). */
    public static boolean isOpenFrame(byte[] frame) {
        return frame.length > MAGIC.length && frame.length != NOISE_FIRST_MESSAGE
                && Arrays.equals(frame, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** True if {@code frame} has the length of a Noise first message: a secure dialer's. */
    public static boolean looksLikeNoiseStart(byte[] frame) {
        return frame.length == NOISE_FIRST_MESSAGE;
    }

    /**
     * The kind of an open frame ({@link #START}, {@link #HELLO}, {@link #MISMATCH}), read from
     * its first bytes; -1 if it is not an open frame or does not start as one.
     */
    public static int kind(byte[] frame) {
        // [fixarray][version fixint][kind fixint]: every open frame is written this way.
        int at = MAGIC.length;
        if (!isOpenFrame(frame) || frame.length < at + 3 || (frame[at] & 0xF0) != 0x90
                || frame[at + 1] != PacketCodec.VERSION) {
            return -1;
        }
        int kind = frame[at + 2];
        return kind >= START && kind <= MISMATCH ? kind : -1;
    }

    /** START: {@code GHSTOPEN [1, 1, network_id]}. */
    public static byte[] start(byte[] networkId) {
        try (MessageBufferPacker p = packer()) {
            p.packArrayHeader(3).packInt(PacketCodec.VERSION).packInt(START);
            p.packBinaryHeader(networkId.length).writePayload(networkId);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HELLO: who this node is, on which network. */
    public static byte[] hello(Identity identity, String username, int listenPort,
            byte[] networkId) {
        try (MessageBufferPacker p = packer()) {
            p.packArrayHeader(HELLO_FIELDS).packInt(PacketCodec.VERSION).packInt(HELLO);
            p.packBinaryHeader(networkId.length).writePayload(networkId);
            p.packBinaryHeader(Identity.PUBLIC_KEY_LENGTH).writePayload(identity.publicKey());
            byte[] agreement = identity.agreementPublicKey();
            p.packBinaryHeader(agreement.length).writePayload(agreement);
            p.packString(username).packInt(listenPort);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** MISMATCH: {@code GHSTOPEN [1, 3]}, fixed bytes. */
    public static byte[] mismatch() {
        byte[] out = Arrays.copyOf(MAGIC, MAGIC.length + 3);
        out[MAGIC.length] = (byte) 0x92;
        out[MAGIC.length + 1] = (byte) PacketCodec.VERSION;
        out[MAGIC.length + 2] = (byte) MISMATCH;
        return out;
    }

    /** Decodes a START; returns the network id it names (compare with {@link #sameNetwork}). */
    public static byte[] decodeStart(byte[] frame) throws PacketDecodeException {
        try (SchemaReader r = reader(frame)) {
            int n = header(frame, r, START, 3, "open start");
            int at = r.binExact(LinkFrames.NETWORK_ID_LENGTH, "network id");
            r.skipValues(n - 3, "open start extension");
            r.requireEnd("open start");
            return Arrays.copyOfRange(frame, at, at + LinkFrames.NETWORK_ID_LENGTH);
        }
    }

    /** True if two network ids are the same network. */
    public static boolean sameNetwork(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }

    /** Decodes a HELLO for this node's network into the peer's (unproven) identity. */
    public static LinkFrames.Hello decodeHello(byte[] frame, byte[] networkId)
            throws PacketDecodeException {
        try (SchemaReader r = reader(frame)) {
            int n = header(frame, r, HELLO, HELLO_FIELDS, "open hello");
            checkNetwork(frame, r, networkId);
            int keyAt = r.binExact(Identity.PUBLIC_KEY_LENGTH, "public key");
            int agreementAt = r.binExact(Identity.PUBLIC_KEY_LENGTH, "agreement key");
            String username = r.string(TextRules.MAX_USERNAME_BYTES, "username");
            String problem = TextRules.usernameProblem(username);
            if (problem != null) {
                throw new PacketDecodeException("username " + problem);
            }
            int port = r.intValue(0, 65535, "listen port");
            r.skipValues(n - HELLO_FIELDS, "open hello extension");
            r.requireEnd("open hello");
            byte[] key = Arrays.copyOfRange(frame, keyAt, keyAt + Identity.PUBLIC_KEY_LENGTH);
            byte[] agreement = Arrays.copyOfRange(frame, agreementAt,
                    agreementAt + Identity.PUBLIC_KEY_LENGTH);
            return new LinkFrames.Hello(NodeId.fromPublicKey(key), key, agreement, username,
                    port);
        }
    }

    /** A reader over the MessagePack part, after the magic (the caller checks the kind). */
    private static SchemaReader reader(byte[] frame) {
        int from = Math.min(MAGIC.length, frame.length);
        return new SchemaReader(frame, from, frame.length - from);
    }

    /** Checks the kind, array header and version; returns the number of fields. */
    private static int header(byte[] frame, SchemaReader r, int kind, int fields, String what)
            throws PacketDecodeException {
        if (kind(frame) != kind) {
            throw new PacketDecodeException(what + " expected");
        }
        int n = r.arrayHeader(fields, fields + Bodies.MAX_EXTRA_FIELDS, what);
        r.intValue(PacketCodec.VERSION, PacketCodec.VERSION, "version");
        r.intValue(kind, kind, "kind");
        return n;
    }

    private static void checkNetwork(byte[] frame, SchemaReader r, byte[] networkId)
            throws PacketDecodeException {
        int at = r.binExact(LinkFrames.NETWORK_ID_LENGTH, "network id");
        if (!Arrays.equals(frame, at, at + LinkFrames.NETWORK_ID_LENGTH, networkId, 0,
                networkId.length)) {
            throw new PacketDecodeException(ANOTHER_NETWORK);
        }
    }

    private static MessageBufferPacker packer() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.writePayload(MAGIC);
        return p;
    }
}
