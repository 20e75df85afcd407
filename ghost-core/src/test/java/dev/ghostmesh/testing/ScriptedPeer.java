package dev.ghostmesh.testing;

import dev.ghostmesh.Identity;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.codec.OpenLinkFrames;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.TopicBody;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.crypto.FrameCipher;
import dev.ghostmesh.internal.crypto.NoiseHandshake;
import dev.ghostmesh.internal.crypto.PlaintextFrames;
import dev.ghostmesh.internal.identity.ApiInternals;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.PeerAddress;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.spi.TransportContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A scripted peer that speaks the real protocol — the Noise XX handshake with its own identity,
 * then encrypted frames, or with {@link #open} the open profile's plaintext hello and frames —
 * over any transport, so a test can send exactly the bytes an attacker would: forged packets,
 * replays, garbage inside or outside the encryption, floods, or nothing. Answers PINGs unless
 * told not to, so a link stays up as long as the test wants.
 *
 * <p>Threading: frames arrive on transport threads; the send methods may be called from the
 * test thread; both are synchronized on this object (the cipher counts frames).
 */
public final class ScriptedPeer extends ContextLoop.Looped {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Identity identity;
    private final String username;
    private final byte[] prologue;
    private final byte[] networkId;
    /** Speaks the open profile instead of Noise. */
    private final boolean open;
    private boolean openStarted;
    private volatile Link link;
    private NoiseHandshake noise;
    private FrameCipher cipher;
    private volatile boolean ready;
    private volatile boolean down;
    private volatile Throwable downCause;
    private volatile LinkFrames.Hello peer;
    private volatile boolean answerPings = true;
    private volatile Throwable error;
    private volatile byte[] payloadOverride;
    /** Frames as they arrived (after the handshake: ciphertext). */
    public final List<byte[]> rawFrames = new CopyOnWriteArrayList<>();
    /** Decrypted frames, in order. */
    public final List<byte[]> frames = new CopyOnWriteArrayList<>();

    public ScriptedPeer(Identity identity, String username, String networkKey) {
        this(identity, username, networkKey, false);
    }

    private ScriptedPeer(Identity identity, String username, String networkKey, boolean open) {
        this.identity = identity;
        this.username = username;
        this.networkId = LinkFrames.networkId(networkKey);
        this.prologue = LinkFrames.prologue(networkId);
        this.open = open;
    }

    /** A peer of the open profile: plaintext hello, then plaintext frames. */
    public static ScriptedPeer open(Identity identity, String username, String networkKey) {
        return new ScriptedPeer(identity, username, networkKey, true);
    }

    public ScriptedPeer(Identity identity, String username) {
        this(identity, username, null);
    }

    public Identity identity() {
        return identity;
    }

    /** Starts {@code transport} for this peer and dials {@code to}; returns the raw link. */
    public Link dial(Transport transport, PeerAddress to) throws Exception {
        transport.start(this);
        Link l = transport.dial(to).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> link != null, "the link to come up");
        return l;
    }

    /** Dials and completes the handshake. */
    public ScriptedPeer connect(Transport transport, PeerAddress to) throws Exception {
        dial(transport, to);
        awaitReady();
        return this;
    }

    public void awaitReady() {
        Await.until(WAIT, () -> ready || down, "the handshake to finish");
        if (!ready) {
            throw new AssertionError("handshake failed: the node closed the link ("
                    + downCause + ")");
        }
    }

    public boolean ready() {
        return ready;
    }

    public boolean down() {
        return down;
    }

    /** What went wrong on this side (a handshake or frame that did not check), or null. */
    public Throwable error() {
        return error;
    }

    public Throwable downCause() {
        return downCause;
    }

    /** Who the node proved to be, once the handshake got that far. */
    public LinkFrames.Hello peer() {
        return peer;
    }

    /**
     * Sends this identity payload in the handshake instead of the honest one (forgeries); in the
     * open profile, this whole HELLO frame.
     */
    public void payloadOverride(byte[] payload) {
        this.payloadOverride = payload;
    }

    public void answerPings(boolean answer) {
        this.answerPings = answer;
    }

    public Link link() {
        return link;
    }

    /** An encrypted frame the link refused, sent before any other (guarded by this). */
    private byte[] refused;

    /** Encrypts and sends one plaintext frame; false if the link would not take it. */
    public synchronized boolean send(byte[] plaintext) {
        if (cipher == null) {
            throw new IllegalStateException("handshake not finished");
        }
        // A frame the link refused has used up its nonce: it goes first, before anything
        // else is encrypted, or the target could decrypt nothing after it. Callers retry the
        // same plaintext after false, so that frame is the one they meant.
        byte[] frame = refused != null ? refused : cipher.encrypt(plaintext);
        if (link.send(frame)) {
            refused = null;
            return true;
        }
        refused = frame;
        return false;
    }

    /** Sends bytes as they are, outside the encryption. */
    public boolean sendRaw(byte[] frame) {
        return link.send(frame);
    }

    /** Number of decrypted frames of {@code type} received. */
    public long count(int type) {
        return frames.stream().filter(f -> PacketCodec.peekType(f) == type).count();
    }

    /** The TOPIC packets received on {@code topic}, in order. */
    public List<Packet> topicPackets(String topic) {
        List<Packet> out = new ArrayList<>();
        for (byte[] f : frames) {
            if (PacketCodec.peekType(f) == PacketType.TOPIC) {
                try {
                    Packet p = PacketCodec.decode(f);
                    if (TopicBody.decode(p).topic().equals(topic)) {
                        out.add(p);
                    }
                } catch (PacketDecodeException e) {
                    throw new AssertionError("a node sent a malformed TOPIC packet", e);
                }
            }
        }
        return out;
    }

    @Override
    public synchronized void onLinkUp(Link l) {
        link = l;
        if (open) {
            if (!l.inbound()) {
                l.send(OpenLinkFrames.start(networkId));
            }
            return;
        }
        byte[] staticKey = ApiInternals.agreementPrivateKey(identity);
        noise = l.inbound() ? NoiseHandshake.responder(prologue, staticKey)
                : NoiseHandshake.initiator(prologue, staticKey);
        if (noise.mustWrite()) {
            l.send(noise.write(new byte[0]));
        }
    }

    @Override
    public synchronized void onFrame(Link l, byte[] frame) {
        rawFrames.add(frame);
        if (cipher != null) {
            try {
                byte[] plain = cipher.decrypt(frame);
                if (!ready && PacketCodec.peekType(plain) == PacketType.ACCEPT) {
                    ready = true; // the node took our link
                    return;
                }
                frames.add(plain);
                if (answerPings && PacketCodec.peekType(plain) == PacketType.PING) {
                    l.send(cipher.encrypt(LinkFrames.keepalive(PacketType.PONG)));
                }
            } catch (CryptoException e) {
                error = new AssertionError("the node sent a frame that does not decrypt", e);
                l.close();
            }
            return;
        }
        if (open) {
            onOpenHandshakeFrame(l, frame);
            return;
        }
        try {
            boolean knew = noise.hasRemoteStatic();
            byte[] payload = noise.read(frame);
            if (!knew && noise.hasRemoteStatic()) {
                peer = LinkFrames.decodeHandshakePayload(payload, noise.remoteStatic());
            }
            if (noise.mustWrite()) {
                byte[] own = payloadOverride != null ? payloadOverride
                        : LinkFrames.handshakePayload(identity, username, 0);
                l.send(noise.write(own));
            }
            if (noise.done()) {
                cipher = noise.split();
                if (l.inbound()) {
                    l.send(cipher.encrypt(LinkFrames.keepalive(PacketType.ACCEPT)));
                    ready = true;
                }
            }
        } catch (CryptoException | PacketDecodeException e) {
            // Expected in tests of a wrong network key; others assert on error() being null.
            error = e;
            l.close();
        }
    }

    /** The open handshake: START, HELLO both ways (acceptor first), ACCEPT from the acceptor. */
    private void onOpenHandshakeFrame(Link l, byte[] frame) {
        byte[] own = payloadOverride != null ? payloadOverride
                : OpenLinkFrames.hello(identity, username, 0, networkId);
        try {
            if (l.inbound() && !openStarted) {
                if (!OpenLinkFrames.sameNetwork(networkId, OpenLinkFrames.decodeStart(frame))) {
                    throw new PacketDecodeException(OpenLinkFrames.ANOTHER_NETWORK);
                }
                openStarted = true;
                l.send(own);
                return;
            }
            peer = OpenLinkFrames.decodeHello(frame, networkId);
        } catch (PacketDecodeException e) {
            error = e;
            l.close();
            return;
        }
        cipher = PlaintextFrames.INSTANCE;
        if (l.inbound()) {
            l.send(LinkFrames.keepalive(PacketType.ACCEPT));
            ready = true;
        } else {
            l.send(own);
        }
    }

    @Override
    public void onLinkDown(Link l, Throwable cause) {
        downCause = cause;
        down = true;
    }

    @Override
    public int maxFrameSize() {
        return NoiseHandshake.MAX_MESSAGE;
    }
}
