package dev.ghostmesh.internal.crypto;

/**
 * What a link does to each frame after its handshake: {@link LinkCipher} encrypts and
 * authenticates (the secure profile), {@link PlaintextFrames} passes frames through (the open
 * profile). The node sends and receives through this one interface, so the rest of the link
 * path is the same for both.
 *
 * <p>Threading: implementations are not thread-safe; each direction is used by one thread at a
 * time.
 */
public interface FrameCipher {
    /** The wire form of one plaintext frame of at most {@link LinkCipher#MAX_PLAINTEXT} bytes. */
    byte[] encrypt(byte[] plaintext);

    /** The plaintext of one frame from the wire; fails if the frame must close the link. */
    byte[] decrypt(byte[] frame) throws CryptoException;
}
