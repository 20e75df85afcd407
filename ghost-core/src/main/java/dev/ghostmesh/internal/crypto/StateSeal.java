package dev.ghostmesh.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encrypts state a node keeps on its own disk (the keys and memberships of its groups) under a
 * key only its identity can derive: {@code HKDF-SHA256(ikm = secret, info = label || salt)}
 * with a fresh random 32-byte salt per write, then ChaCha20-Poly1305 with that one-time key.
 * The output is {@code salt || ciphertext || tag}. A fresh key per write keeps the fixed zero
 * nonce of {@link OneShotAead} safe however often the file is rewritten.
 *
 * <p>Threading: stateless and thread-safe.
 */
public final class StateSeal {
    /** Length of the random salt in front of the ciphertext. */
    public static final int SALT_LENGTH = 32;
    private static final byte[] LABEL =
            "ghost-terminal local state v1".getBytes(StandardCharsets.US_ASCII);

    private StateSeal() {}

    /** Seals {@code plaintext}, authenticating {@code associatedData} with it. */
    public static byte[] seal(byte[] secret, byte[] associatedData, byte[] plaintext) {
        byte[] salt = new byte[SALT_LENGTH];
        new SecureRandom().nextBytes(salt);
        byte[] key = key(secret, salt);
        try {
            return OneShotAead.concat(salt, OneShotAead.seal(key, associatedData, plaintext));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Opens what {@link #seal} made with the same secret and associated data.
     *
     * @throws CryptoException if it is too short, was sealed under another secret, or changed
     */
    public static byte[] open(byte[] secret, byte[] associatedData, byte[] sealed)
            throws CryptoException {
        Objects.requireNonNull(sealed, "sealed");
        if (sealed.length < SALT_LENGTH + OneShotAead.TAG_LENGTH) {
            throw new CryptoException("sealed state of " + sealed.length + " bytes is too short");
        }
        byte[] key = key(secret, Arrays.copyOf(sealed, SALT_LENGTH));
        try {
            return OneShotAead.open(key, associatedData,
                    Arrays.copyOfRange(sealed, SALT_LENGTH, sealed.length));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] key(byte[] secret, byte[] salt) {
        return OneShotAead.hkdfSha256(secret, OneShotAead.concat(LABEL, salt),
                OneShotAead.KEY_LENGTH);
    }
}
