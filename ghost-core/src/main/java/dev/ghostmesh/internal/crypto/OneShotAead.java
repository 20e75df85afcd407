package dev.ghostmesh.internal.crypto;

import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * ChaCha20-Poly1305 (RFC 8439) under a key that encrypts exactly one message, and HKDF-SHA256
 * (RFC 5869) to derive such keys. Because every key is used once, the nonce is fixed at zero:
 * nonce reuse needs key reuse, which the callers rule out by deriving each key from something
 * unique to the message (a fresh ephemeral key, a random message id).
 *
 * <p>Threading: stateless and thread-safe; every call builds its own cipher.
 */
final class OneShotAead {
    /** Length of a ChaCha20-Poly1305 key and of every derived key. */
    static final int KEY_LENGTH = 32;
    /** Bytes a message grows by (the Poly1305 tag). */
    static final int TAG_LENGTH = 16;
    private static final int NONCE_LENGTH = 12;

    private OneShotAead() {}

    /** HKDF-SHA256 with no salt (RFC 5869 then uses a zero salt) and {@code info}. */
    static byte[] hkdfSha256(byte[] inputKeyMaterial, byte[] info, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(inputKeyMaterial, null, info));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    /** Encrypts {@code plaintext} and authenticates it together with {@code associatedData}. */
    static byte[] seal(byte[] key, byte[] associatedData, byte[] plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        ChaCha20Poly1305 cipher = init(true, key, associatedData);
        byte[] out = new byte[plaintext.length + TAG_LENGTH];
        int n = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            cipher.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption cannot fail to authenticate", e);
        }
        return out;
    }

    /** Decrypts and checks the tag; fails if anything, associated data included, differs. */
    static byte[] open(byte[] key, byte[] associatedData, byte[] ciphertext)
            throws CryptoException {
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (ciphertext.length < TAG_LENGTH) {
            throw new CryptoException("ciphertext of " + ciphertext.length
                    + " bytes is shorter than its tag");
        }
        ChaCha20Poly1305 cipher = init(false, key, associatedData);
        byte[] out = new byte[ciphertext.length - TAG_LENGTH];
        int n = cipher.processBytes(ciphertext, 0, ciphertext.length, out, 0);
        try {
            cipher.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            // BouncyCastle decrypts while it streams, so out holds unauthenticated plaintext.
            Arrays.fill(out, (byte) 0);
            throw new CryptoException("message does not authenticate "
                    + "(wrong key, tampered with, or bound to another context)");
        }
        return out;
    }

    /** {@code parts} laid end to end. */
    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private static ChaCha20Poly1305 init(boolean encrypt, byte[] key, byte[] associatedData) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("key of " + key.length + " bytes, need "
                    + KEY_LENGTH);
        }
        Objects.requireNonNull(associatedData, "associatedData");
        ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8,
                new byte[NONCE_LENGTH], associatedData));
        return cipher;
    }
}
