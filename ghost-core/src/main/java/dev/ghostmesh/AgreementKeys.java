package dev.ghostmesh;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * Derives an identity's X25519 key pair from its Ed25519 seed. Stateless and thread-safe.
 */
final class AgreementKeys {
    private static final byte[] INFO = "ghost-terminal x25519 v1".getBytes(StandardCharsets.US_ASCII);

    private AgreementKeys() {}

    static byte[] derivePrivate(byte[] seed) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(seed, null, INFO));
        byte[] key = new byte[X25519.SCALAR_SIZE];
        hkdf.generateBytes(key, 0, key.length);
        // Clamped here so the stored bytes are the scalar every X25519 implementation uses.
        key[0] &= (byte) 248;
        key[31] &= 127;
        key[31] |= 64;
        return key;
    }

    static byte[] publicKey(byte[] privateKey) {
        byte[] pub = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(privateKey, 0, pub, 0);
        return pub;
    }
}
