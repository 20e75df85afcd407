package dev.ghostmesh.internal.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The primitives the crypto package uses, computed with the JDK's own providers (SunEC's XDH,
 * SunJCE's HMAC and ChaCha20-Poly1305) and HKDF written out from RFC 5869: an implementation
 * independent of BouncyCastle, so a test that agrees with it checks the construction, not just
 * that the code agrees with itself.
 */
final class JdkCrypto {
    private JdkCrypto() {}

    /** X25519(k, u) per RFC 7748 (the JDK clamps k and masks u's top bit). */
    static byte[] x25519(byte[] scalar, byte[] u) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("XDH");
        PrivateKey privateKey = factory.generatePrivate(
                new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar.clone()));
        PublicKey publicKey = factory.generatePublic(
                new XECPublicKeySpec(NamedParameterSpec.X25519, decodeU(u)));
        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(privateKey);
        agreement.doPhase(publicKey, true);
        return agreement.generateSecret();
    }

    /** The public key of {@code scalar}: X25519 with the base point u = 9. */
    static byte[] x25519Public(byte[] scalar) throws GeneralSecurityException {
        byte[] basePoint = new byte[32];
        basePoint[0] = 9;
        return x25519(scalar, basePoint);
    }

    /** RFC 5869 HKDF-SHA256 with an absent salt (a string of 32 zero bytes). */
    static byte[] hkdfSha256(byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        byte[] prk = hmacSha256(new byte[32], ikm);
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        int filled = 0;
        for (int counter = 1; filled < length; counter++) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(block);
            mac.update(info);
            mac.update((byte) counter);
            block = mac.doFinal();
            int n = Math.min(block.length, length - filled);
            System.arraycopy(block, 0, out, filled, n);
            filled += n;
        }
        return out;
    }

    static byte[] hmacSha256(byte[] key, byte[] message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
    }

    static byte[] sha256(byte[]... parts) throws GeneralSecurityException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    /** RFC 8439 ChaCha20-Poly1305 encryption with a zero nonce. */
    static byte[] chachaPolySeal(byte[] key, byte[] aad, byte[] plaintext)
            throws GeneralSecurityException {
        return chachaPoly(Cipher.ENCRYPT_MODE, key, aad, plaintext);
    }

    /** RFC 8439 ChaCha20-Poly1305 decryption with a zero nonce; throws if it does not verify. */
    static byte[] chachaPolyOpen(byte[] key, byte[] aad, byte[] ciphertext)
            throws GeneralSecurityException {
        return chachaPoly(Cipher.DECRYPT_MODE, key, aad, ciphertext);
    }

    private static byte[] chachaPoly(int mode, byte[] key, byte[] aad, byte[] input)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(new byte[12]));
        cipher.updateAAD(aad);
        return cipher.doFinal(input);
    }

    private static BigInteger decodeU(byte[] u) {
        byte[] bigEndian = new byte[u.length];
        for (int i = 0; i < u.length; i++) {
            bigEndian[i] = u[u.length - 1 - i];
        }
        bigEndian[0] &= 0x7f;
        return new BigInteger(1, bigEndian);
    }
}
