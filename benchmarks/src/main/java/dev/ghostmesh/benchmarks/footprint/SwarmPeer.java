package dev.ghostmesh.benchmarks.footprint;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.internal.codec.AnnounceBody;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.crypto.LinkCipher;
import dev.ghostmesh.internal.crypto.NoiseHandshake;
import dev.ghostmesh.internal.identity.ApiInternals;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One lightweight mesh peer for footprint runs: a socket channel bound to a chosen loopback
 * source address, the Noise handshake run by hand as the dialer (blocking, so a small pool can
 * open hundreds of links without a node each), then, in non-blocking mode, the frames a
 * {@link Swarm} reads and writes. It signs its own ANNOUNCE and BROADCAST packets like a node
 * does, so the node under test does all its real work (verify, relay, directory) for it, but it
 * costs the measuring process no threads.
 *
 * <p>Threading: {@link #open} runs on the dialing thread; after the peer is handed to its swarm
 * (which publishes it safely), everything else runs on the swarm's thread only.
 */
final class SwarmPeer {
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final int SEQUENCE_COUNTER_BITS = 20;

    final int index;
    final Identity identity;
    final SocketChannel channel;
    private final LinkCipher cipher;
    private final long sequenceEpoch = System.currentTimeMillis();
    private long sequenceCounter;
    /** Reading state: the length prefix, then the frame it announces. */
    final ByteBuffer header = ByteBuffer.allocate(4);
    ByteBuffer body;
    /** Sealed frames the socket has not taken yet. */
    final ArrayDeque<ByteBuffer> unsent = new ArrayDeque<>();

    private SwarmPeer(int index, Identity identity, SocketChannel channel, LinkCipher cipher) {
        this.index = index;
        this.identity = identity;
        this.channel = channel;
        this.cipher = cipher;
    }

    /**
     * Connects from {@code source} to {@code target} and runs the handshake up to the node's
     * ACCEPT; frames the node sends after it stay unread in the socket for the swarm.
     */
    static SwarmPeer open(int index, InetSocketAddress target, InetAddress source)
            throws IOException {
        Identity identity = Identity.generate();
        SocketChannel ch = SocketChannel.open();
        try {
            ch.bind(new InetSocketAddress(source, 0));
            ch.socket().connect(target, HANDSHAKE_TIMEOUT_MILLIS);
            ch.socket().setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
            ch.socket().setTcpNoDelay(true);
            // Unbuffered on purpose: nothing past the ACCEPT frame may be consumed here.
            DataInputStream in = new DataInputStream(ch.socket().getInputStream());
            OutputStream out = ch.socket().getOutputStream();
            NoiseHandshake noise = NoiseHandshake.initiator(
                    LinkFrames.prologue(LinkFrames.networkId(null)),
                    ApiInternals.agreementPrivateKey(identity));
            writeFrame(out, noise.write(new byte[0]));
            LinkFrames.decodeHandshakePayload(noise.read(readFrame(in)), noise.remoteStatic());
            writeFrame(out, noise.write(LinkFrames.handshakePayload(identity, "p" + index, 0)));
            LinkCipher cipher = noise.split();
            byte[] accept = cipher.decrypt(readFrame(in));
            if (PacketCodec.peekType(accept) != PacketType.ACCEPT) {
                throw new IOException("expected ACCEPT, got type " + PacketCodec.peekType(accept));
            }
            ch.configureBlocking(false);
            return new SwarmPeer(index, identity, ch, cipher);
        } catch (SocketTimeoutException e) {
            ch.close();
            throw new IOException("peer " + index + " from " + source.getHostAddress()
                    + ": handshake timed out (the node refused the link?)", e);
        } catch (IOException e) {
            ch.close();
            throw new IOException("peer " + index + " from " + source.getHostAddress() + ": "
                    + e.getMessage(), e);
        } catch (Exception e) {
            ch.close();
            throw new IOException("peer " + index + " handshake failed: " + e, e);
        }
    }

    /** This peer's presence, signed: what a node sends as its link comes up. */
    byte[] announce() {
        AnnounceBody body = new AnnounceBody("p" + index, identity.codename(), 0, List.of(),
                List.of(), identity.agreementPublicKey());
        return sign(PacketType.ANNOUNCE, MessageId.random(), body.encode());
    }

    /** A signed broadcast with id {@code id}. */
    byte[] broadcast(MessageId id, String text) {
        return sign(PacketType.BROADCAST, id, Bodies.broadcast(text));
    }

    private byte[] sign(int type, MessageId id, byte[] body) {
        long seq = (sequenceEpoch << SEQUENCE_COUNTER_BITS) | sequenceCounter++;
        return PacketCodec.encode(identity, type, id, 16, System.currentTimeMillis(), seq, body);
    }

    /** {@code plaintext} encrypted and length-prefixed, ready for the socket. */
    ByteBuffer seal(byte[] plaintext) {
        byte[] sealed = cipher.encrypt(plaintext);
        ByteBuffer frame = ByteBuffer.allocate(4 + sealed.length);
        frame.putInt(sealed.length).put(sealed).flip();
        return frame;
    }

    /** The plaintext of the frame just read into {@link #body}. */
    byte[] open(ByteBuffer frame) throws CryptoException {
        return cipher.decrypt(frame.array());
    }

    private static void writeFrame(OutputStream out, byte[] payload) throws IOException {
        out.write(ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload)
                .array());
        out.flush();
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 1 || length > NoiseHandshake.MAX_MESSAGE) {
            throw new IOException("handshake frame of " + length + " bytes");
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        return frame;
    }

    static boolean isBroadcast(byte[] plaintext) {
        return PacketCodec.peekType(plaintext) == PacketType.BROADCAST;
    }

    static MessageId idOf(byte[] plaintext) throws PacketDecodeException {
        return PacketCodec.decode(plaintext).id();
    }
}
