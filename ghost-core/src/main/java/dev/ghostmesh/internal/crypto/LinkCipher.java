package dev.ghostmesh.internal.crypto;

import com.southernstorm.noise.protocol.CipherState;
import com.southernstorm.noise.protocol.CipherStatePair;
import javax.crypto.BadPaddingException;
import javax.crypto.ShortBufferException;

/**
 * The two Noise transport ciphers of one link: every frame after the handshake is one
 * ChaCha20-Poly1305 message with an implicit 64-bit nonce that counts frames, so frames must be
 * decrypted in the order they were sent (links preserve order) and cannot be replayed, dropped
 * or reordered without the next decryption failing.
 *
 * <p>Threading: not thread-safe; each direction must be used by one thread at a time.
 */
public final class LinkCipher implements FrameCipher {
    /** Bytes a frame grows by. */
    public static final int TAG_LENGTH = 16;
    /** Largest plaintext frame: a Noise message is at most 65,535 bytes. */
    public static final int MAX_PLAINTEXT = NoiseHandshake.MAX_MESSAGE - TAG_LENGTH;

    private final CipherState sender;
    private final CipherState receiver;

    LinkCipher(CipherStatePair pair) {
        this.sender = pair.getSender();
        this.receiver = pair.getReceiver();
    }

    /** Encrypts one frame. */
    @Override
    public byte[] encrypt(byte[] plaintext) {
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("frame of " + plaintext.length
                    + " bytes is over the limit of " + MAX_PLAINTEXT);
        }
        byte[] out = new byte[plaintext.length + TAG_LENGTH];
        try {
            sender.encryptWithAd(null, plaintext, 0, out, 0, plaintext.length);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Decrypts one frame; fails if it was not the next frame the peer encrypted. */
    @Override
    public byte[] decrypt(byte[] frame) throws CryptoException {
        if (frame.length < TAG_LENGTH || frame.length > NoiseHandshake.MAX_MESSAGE) {
            throw new CryptoException("encrypted frame of " + frame.length + " bytes");
        }
        byte[] out = new byte[frame.length - TAG_LENGTH];
        try {
            int n = receiver.decryptWithAd(null, frame, 0, out, 0, frame.length);
            if (n != out.length) {
                throw new CryptoException("encrypted frame has a wrong length");
            }
            return out;
        } catch (BadPaddingException e) {
            throw new CryptoException("frame does not decrypt (not encrypted, or tampered with)");
        } catch (ShortBufferException | IllegalStateException e) {
            throw new CryptoException("frame does not decrypt", e);
        }
    }
}
