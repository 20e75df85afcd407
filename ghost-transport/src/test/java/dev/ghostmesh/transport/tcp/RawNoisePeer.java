package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.Identity;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.crypto.LinkCipher;
import dev.ghostmesh.internal.crypto.NoiseHandshake;
import dev.ghostmesh.internal.identity.ApiInternals;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A peer on a plain blocking socket that runs the Noise handshake by hand (as the dialer,
 * 4-byte big-endian length framing), so a test owns every byte on the wire afterwards: it can
 * send what it likes, or stop reading altogether.
 *
 * <p>Threading: one thread at a time.
 */
final class RawNoisePeer implements Closeable {
    private static final int TIMEOUT_MILLIS = 5_000;

    private final Identity identity;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private LinkCipher cipher;

    private RawNoisePeer(Identity identity, Socket socket) throws IOException {
        this.identity = identity;
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * Connects to {@code to}; a positive {@code receiveBuffer} is set before connecting, so the
     * window the node may fill stays that small.
     */
    static RawNoisePeer open(PeerAddress to, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress(to.host(), to.port()), TIMEOUT_MILLIS);
        s.setSoTimeout(TIMEOUT_MILLIS);
        s.setTcpNoDelay(true);
        return new RawNoisePeer(Identity.generate(), s);
    }

    /** Runs the handshake as the dialer and waits for the node's ACCEPT. */
    RawNoisePeer handshake(String username) throws Exception {
        NoiseHandshake noise = NoiseHandshake.initiator(
                LinkFrames.prologue(LinkFrames.networkId(null)),
                ApiInternals.agreementPrivateKey(identity));
        writeFrame(noise.write(new byte[0]));
        byte[] payload = noise.read(readFrame());
        LinkFrames.decodeHandshakePayload(payload, noise.remoteStatic()); // who the node is
        writeFrame(noise.write(LinkFrames.handshakePayload(identity, username, 0)));
        cipher = noise.split();
        byte[] accept = cipher.decrypt(readFrame());
        if (PacketCodec.peekType(accept) != PacketType.ACCEPT) {
            throw new AssertionError("expected ACCEPT, got type " + PacketCodec.peekType(accept));
        }
        return this;
    }

    Identity identity() {
        return identity;
    }

    /** Encrypts and sends one frame. */
    void send(byte[] plaintext) throws IOException {
        writeFrame(cipher.encrypt(plaintext));
    }

    /** Writes bytes as they are. */
    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void writeFrame(byte[] payload) throws IOException {
        writeRaw(ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload)
                .array());
    }

    private byte[] readFrame() throws IOException {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        return frame;
    }

    /**
     * Reads (and discards) until the node closes the connection, within {@code timeout}; true
     * if it did. A reset counts as closed.
     */
    boolean awaitClosedByNode(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        socket.setSoTimeout(100); // polls the deadline between reads
        byte[] sink = new byte[64 * 1024];
        InputStream raw = socket.getInputStream();
        while (System.nanoTime() - deadline < 0) {
            try {
                if (raw.read(sink) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException stillOpen) {
                // Keep reading until the deadline.
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
