package dev.ghostmesh.internal.crypto;

import com.southernstorm.noise.protocol.HandshakeState;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.ShortBufferException;

/**
 * One side of a {@code Noise_XX_25519_ChaChaPoly_SHA256} handshake (noise-java underneath):
 * three messages, initiator first; the second and third carry encrypted payloads. After the
 * third, {@link #split()} gives the link's two cipher states.
 *
 * <p>Threading: not thread-safe; one link's handshake is driven by one thread.
 */
public final class NoiseHandshake {
    /** The Noise protocol name; fixed, so there is nothing to negotiate or downgrade. */
    public static final String PROTOCOL = "Noise_XX_25519_ChaChaPoly_SHA256";
    /** Largest Noise message, handshake or transport, in bytes (Noise spec §3). */
    public static final int MAX_MESSAGE = 65535;
    /** Length of an X25519 key. */
    public static final int KEY_LENGTH = 32;

    private final HandshakeState state;
    private final boolean initiator;

    private NoiseHandshake(boolean initiator, byte[] prologue, byte[] staticPrivate,
            byte[] fixedEphemeral) {
        this.initiator = initiator;
        if (staticPrivate.length != KEY_LENGTH
                || (fixedEphemeral != null && fixedEphemeral.length != KEY_LENGTH)) {
            throw new IllegalArgumentException("X25519 private keys are " + KEY_LENGTH + " bytes");
        }
        try {
            state = new HandshakeState(PROTOCOL,
                    initiator ? HandshakeState.INITIATOR : HandshakeState.RESPONDER);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("noise-java lacks " + PROTOCOL, e);
        }
        state.setPrologue(prologue, 0, prologue.length);
        state.getLocalKeyPair().setPrivateKey(staticPrivate, 0);
        if (fixedEphemeral != null) {
            state.getFixedEphemeralKey().setPrivateKey(fixedEphemeral, 0);
        }
        state.start();
    }

    /** The dialing side. */
    public static NoiseHandshake initiator(byte[] prologue, byte[] staticPrivate) {
        return new NoiseHandshake(true, prologue, staticPrivate, null);
    }

    /** The accepting side. */
    public static NoiseHandshake responder(byte[] prologue, byte[] staticPrivate) {
        return new NoiseHandshake(false, prologue, staticPrivate, null);
    }

    /** With a fixed ephemeral key: only for test vectors, never on a real link. */
    public static NoiseHandshake withFixedEphemeral(boolean initiator, byte[] prologue,
            byte[] staticPrivate, byte[] ephemeralPrivate) {
        return new NoiseHandshake(initiator, prologue, staticPrivate, ephemeralPrivate);
    }

    public boolean isInitiator() {
        return initiator;
    }

    /** True when it is this side's turn to write. */
    public boolean mustWrite() {
        return state.getAction() == HandshakeState.WRITE_MESSAGE;
    }

    /** True when it is this side's turn to read. */
    public boolean mustRead() {
        return state.getAction() == HandshakeState.READ_MESSAGE;
    }

    /** True when all three messages have passed. */
    public boolean done() {
        return state.getAction() == HandshakeState.SPLIT;
    }

    /** Writes the next handshake message carrying {@code payload} (encrypted where keyed). */
    public byte[] write(byte[] payload) {
        if (!mustWrite()) {
            throw new IllegalStateException("not this side's turn to write");
        }
        byte[] out = new byte[MAX_MESSAGE];
        try {
            int n = state.writeMessage(out, 0, payload, 0, payload.length);
            return Arrays.copyOf(out, n);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("handshake payload too large", e);
        }
    }

    /** Reads the peer's next handshake message and returns its payload. */
    public byte[] read(byte[] message) throws CryptoException {
        if (!mustRead()) {
            throw new CryptoException("unexpected handshake message");
        }
        if (message.length > MAX_MESSAGE) {
            throw new CryptoException("handshake message too large");
        }
        byte[] payload = new byte[message.length];
        try {
            int n = state.readMessage(message, 0, message.length, payload, 0);
            return Arrays.copyOf(payload, n);
        } catch (BadPaddingException e) {
            throw new CryptoException("handshake message does not authenticate "
                    + "(another network key, or not Ghost Terminal)");
        } catch (ShortBufferException | IllegalArgumentException | IllegalStateException e) {
            // noise-java reports truncated messages as ShortBufferException.
            throw new CryptoException("malformed handshake message", e);
        }
    }

    /** True once the message carrying the peer's static key has been read. */
    public boolean hasRemoteStatic() {
        return state.getRemotePublicKey() != null && state.getRemotePublicKey().hasPublicKey();
    }

    /** The peer's X25519 static key, once the message carrying it has been read. */
    public byte[] remoteStatic() {
        if (!state.hasRemotePublicKey()) {
            // Without this, noise-java would hand back 32 zero bytes as if they were a key.
            throw new IllegalStateException("the peer's static key has not arrived yet");
        }
        byte[] key = new byte[KEY_LENGTH];
        state.getRemotePublicKey().getPublicKey(key, 0);
        return key;
    }

    /** The handshake hash (channel binding), once done. */
    public byte[] handshakeHash() {
        return state.getHandshakeHash();
    }

    /** The transport ciphers; call once, when {@link #done()}. */
    public LinkCipher split() {
        if (!done()) {
            throw new IllegalStateException("handshake not finished");
        }
        return new LinkCipher(state.split());
    }
}
