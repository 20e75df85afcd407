package dev.ghostmesh.internal.crypto;

/**
 * A handshake message or ciphertext that does not authenticate or is malformed. The caller
 * closes the link (or drops the packet) and counts it; the message says why in a user's words.
 */
public final class CryptoException extends Exception {
    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
