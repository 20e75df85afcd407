package dev.ghostmesh.internal.crypto;

import dev.ghostmesh.Identity;
import dev.ghostmesh.internal.identity.ApiInternals;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * End-to-end encryption of one private message from a sender's identity to a recipient's X25519
 * agreement key, so relays forward it without reading it.
 *
 * <p>Construction: a fresh ephemeral X25519 key {@code e};
 * {@code dh1 = X25519(e, R)} and {@code dh2 = X25519(s, R)}, where {@code s} is the sender's
 * static agreement key and {@code R} the recipient's public key; the message key is
 * {@code HKDF-SHA256(ikm = dh1 || dh2, salt = none, info = "ghost-terminal private v1" || e_pub
 * || S || R)}, and the message is ChaCha20-Poly1305 under it with a zero nonce (the key is fresh
 * per message) and the caller's {@code context} as associated data. {@code dh2} authenticates
 * the sender: only the holder of {@code s} (or of the recipient's key) can make a box that
 * opens under the claimed {@code S}. {@code dh1} makes every key fresh and gives forward secrecy
 * against a later leak of the sender's key. All three public keys are hashed into the key, so a
 * box cannot be re-addressed or re-attributed by swapping them.
 *
 * <p>What it does not do: it does not stop replays of a whole box (the node's seen cache and the
 * message id bound through {@code context} do), and, as in any static-static scheme, whoever
 * steals the recipient's private key can forge boxes to that recipient from anyone.
 *
 * <p>Threading: stateless and thread-safe.
 */
public final class PrivateBox {
    /** Length of an X25519 key. */
    public static final int KEY_LENGTH = X25519.POINT_SIZE;
    /** Bytes the ciphertext is longer than the plaintext. */
    public static final int OVERHEAD = OneShotAead.TAG_LENGTH;

    private static final byte[] INFO_LABEL =
            "ghost-terminal private v1".getBytes(StandardCharsets.US_ASCII);
    // Thread-safe and holds no mesh state, so sharing it across nodes is harmless.
    private static final SecureRandom RANDOM = new SecureRandom();

    private PrivateBox() {}

    /**
     * A sealed message: the sender's ephemeral public key and the ciphertext (plaintext plus a
     * 16-byte tag). Both travel in the packet. The arrays are not copied, and equality is
     * that of the array references. Thread-safe as long as nobody writes to the arrays.
     *
     * @param ephemeralPublic 32-byte ephemeral X25519 public key
     * @param ciphertext the encrypted message with its tag
     */
    public record Sealed(byte[] ephemeralPublic, byte[] ciphertext) {
        public Sealed {
            Objects.requireNonNull(ephemeralPublic, "ephemeralPublic");
            Objects.requireNonNull(ciphertext, "ciphertext");
        }
    }

    /**
     * Seals {@code plaintext} from {@code sender} to the holder of {@code recipientPublic},
     * bound to {@code context} (the envelope fields the caller wants tied to the content, such
     * as message id, origin and target).
     *
     * @throws CryptoException if the recipient key is a low-order point (no shared secret)
     * @throws IllegalArgumentException if the recipient key is not 32 bytes
     */
    public static Sealed seal(Identity sender, byte[] recipientPublic, byte[] context,
            byte[] plaintext) throws CryptoException {
        byte[] ephemeralPrivate = new byte[KEY_LENGTH];
        X25519.generatePrivateKey(RANDOM, ephemeralPrivate);
        try {
            return sealWithEphemeral(sender, ephemeralPrivate, recipientPublic, context, plaintext);
        } finally {
            Arrays.fill(ephemeralPrivate, (byte) 0);
        }
    }

    /**
     * {@link #seal} with a given ephemeral private key: only for test vectors. Reusing an
     * ephemeral key for two messages to one recipient reuses the key and nonce, which breaks
     * the encryption.
     */
    public static Sealed sealWithEphemeral(Identity sender, byte[] ephemeralPrivate,
            byte[] recipientPublic, byte[] context, byte[] plaintext) throws CryptoException {
        Objects.requireNonNull(sender, "sender");
        requireKey(ephemeralPrivate, "ephemeral private key");
        requireKey(recipientPublic, "recipient public key");
        byte[] ephemeralPublic = new byte[KEY_LENGTH];
        X25519.generatePublicKey(ephemeralPrivate, 0, ephemeralPublic, 0);
        byte[] senderPrivate = ApiInternals.agreementPrivateKey(sender);
        byte[] dh1 = null;
        byte[] dh2 = null;
        byte[] key = null;
        try {
            dh1 = agree(ephemeralPrivate, recipientPublic);
            dh2 = agree(senderPrivate, recipientPublic);
            key = messageKey(dh1, dh2, ephemeralPublic, sender.agreementPublicKey(),
                    recipientPublic);
            return new Sealed(ephemeralPublic, OneShotAead.seal(key, context, plaintext));
        } finally {
            wipe(senderPrivate, dh1, dh2, key);
        }
    }

    /**
     * Opens a box sent to {@code recipient} by the holder of {@code senderPublic}.
     *
     * @throws CryptoException if it does not authenticate: another recipient, another sender
     *     key, a changed ephemeral key, ciphertext or context, a key of the wrong length, or a
     *     low-order key
     */
    public static byte[] open(Identity recipient, byte[] senderPublic, byte[] ephemeralPublic,
            byte[] context, byte[] ciphertext) throws CryptoException {
        Objects.requireNonNull(recipient, "recipient");
        checkKey(senderPublic, "sender public key");
        checkKey(ephemeralPublic, "ephemeral public key");
        byte[] recipientPrivate = ApiInternals.agreementPrivateKey(recipient);
        byte[] dh1 = null;
        byte[] dh2 = null;
        byte[] key = null;
        try {
            dh1 = agree(recipientPrivate, ephemeralPublic);
            dh2 = agree(recipientPrivate, senderPublic);
            key = messageKey(dh1, dh2, ephemeralPublic, senderPublic,
                    recipient.agreementPublicKey());
            return OneShotAead.open(key, context, ciphertext);
        } finally {
            wipe(recipientPrivate, dh1, dh2, key);
        }
    }

    private static byte[] messageKey(byte[] dh1, byte[] dh2, byte[] ephemeralPublic,
            byte[] senderPublic, byte[] recipientPublic) {
        byte[] ikm = OneShotAead.concat(dh1, dh2);
        try {
            byte[] info = OneShotAead.concat(INFO_LABEL, ephemeralPublic, senderPublic,
                    recipientPublic);
            return OneShotAead.hkdfSha256(ikm, info, OneShotAead.KEY_LENGTH);
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    private static byte[] agree(byte[] privateKey, byte[] publicKey) throws CryptoException {
        byte[] shared = new byte[KEY_LENGTH];
        // BouncyCastle returns false when the result is all zeros, i.e. the public key is a
        // low-order point that would make the "secret" known to everyone (RFC 7748 §6.1).
        if (!X25519.calculateAgreement(privateKey, 0, publicKey, 0, shared, 0)) {
            throw new CryptoException("X25519 key is a low-order point (no shared secret)");
        }
        return shared;
    }

    private static void requireKey(byte[] key, String what) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException(what + " of " + key.length + " bytes, need "
                    + KEY_LENGTH);
        }
    }

    private static void checkKey(byte[] key, String what) throws CryptoException {
        Objects.requireNonNull(key, what);
        if (key.length != KEY_LENGTH) {
            throw new CryptoException(what + " of " + key.length + " bytes, need " + KEY_LENGTH);
        }
    }

    private static void wipe(byte[]... secrets) {
        for (byte[] secret : secrets) {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }
}
