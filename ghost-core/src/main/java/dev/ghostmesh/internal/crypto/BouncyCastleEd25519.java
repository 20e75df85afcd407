package dev.ghostmesh.internal.crypto;

import dev.ghostmesh.SignatureProvider;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 by BouncyCastle's low-level {@code rfc8032} routines: pure Java, always there.
 *
 * <p>Threading: stateless and thread-safe.
 */
final class BouncyCastleEd25519 implements Ed25519Provider {
    static final BouncyCastleEd25519 INSTANCE = new BouncyCastleEd25519();

    private BouncyCastleEd25519() {}

    @Override
    public String name() {
        return "BouncyCastle";
    }

    @Override
    public SignatureProvider kind() {
        return SignatureProvider.BOUNCY_CASTLE;
    }

    @Override
    public byte[] sign(byte[] seed, byte[] publicKey, byte[] message, int offset, int length) {
        Ed25519Provider.checkSignRanges(seed, publicKey, message, offset, length);
        byte[] signature = new byte[SIGNATURE_LENGTH];
        Ed25519.sign(seed, 0, publicKey, 0, message, offset, length, signature, 0);
        return signature;
    }

    @Override
    public boolean verify(byte[] key, int keyOffset, byte[] signature, int sigOffset,
            byte[] message, int offset, int length) {
        Ed25519Provider.checkVerifyRanges(key, keyOffset, signature, sigOffset, message, offset,
                length);
        return Ed25519.verify(signature, sigOffset, key, keyOffset, message, offset, length);
    }

    @Override
    public String toString() {
        return name();
    }
}
