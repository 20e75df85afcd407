package dev.ghostmesh.internal.crypto;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 signature checks on raw keys, for packets and link hellos. Stateless and thread-safe.
 * Signing needs the key and stays with {@code Identity} (reached through
 * {@code ApiInternals.sign}).
 */
public final class Signatures {
    /** Length of an Ed25519 signature in bytes. */
    public static final int LENGTH = Ed25519.SIGNATURE_SIZE;

    private Signatures() {}

    /** Verifies an Ed25519 signature made by the owner of {@code publicKey}. */
    public static boolean verify(byte[] publicKey, byte[] signature, byte[] message, int offset,
            int length) {
        return verify(publicKey, 0, signature, 0, message, offset, length);
    }

    /**
     * Offset-based form of {@link #verify(byte[], byte[], byte[], int, int)}; no copies, with the
     * {@code AUTO} implementation. Malformed keys and signatures are false; ranges outside
     * their arrays throw {@link IndexOutOfBoundsException}.
     */
    public static boolean verify(byte[] publicKey, int keyOffset, byte[] signature, int sigOffset,
            byte[] message, int offset, int length) {
        return Ed25519Providers.automatic().verify(publicKey, keyOffset, signature, sigOffset,
                message, offset, length);
    }
}
