package dev.ghostmesh.internal.crypto;

/**
 * The open profile's "cipher": frames cross the link as they are. It keeps the secure
 * profile's limit on a frame's plaintext ({@link LinkCipher#MAX_PLAINTEXT}), so a packet that
 * fits one profile fits the other, and returns the same arrays it is given (transports and the
 * router never modify a frame).
 *
 * <p>Threading: stateless and thread-safe; one instance serves every link.
 */
public final class PlaintextFrames implements FrameCipher {
    /** The only instance. */
    public static final PlaintextFrames INSTANCE = new PlaintextFrames();

    private PlaintextFrames() {}

    @Override
    public byte[] encrypt(byte[] plaintext) {
        if (plaintext.length > LinkCipher.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("frame of " + plaintext.length
                    + " bytes is over the limit of " + LinkCipher.MAX_PLAINTEXT);
        }
        return plaintext;
    }

    @Override
    public byte[] decrypt(byte[] frame) throws CryptoException {
        if (frame.length > LinkCipher.MAX_PLAINTEXT) {
            throw new CryptoException("frame of " + frame.length + " bytes is over the limit of "
                    + LinkCipher.MAX_PLAINTEXT);
        }
        return frame;
    }
}
