package dev.ghostmesh.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Ed25519 implementation the node can run computes the same thing: the signatures of
 * RFC 8032 (section 7.1) byte for byte, acceptance of exactly those, and a plain false for
 * altered and malformed input. Run over BouncyCastle and libsodium; libsodium is required on
 * Linux x86-64 (see {@link Ed25519ProvidersTest#nativeRequired()}), so it cannot drop out of
 * this list unnoticed there.
 */
class Ed25519VectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    /** The group order L. */
    private static final BigInteger L = BigInteger.TWO.pow(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));

    record Vector(String name, byte[] seed, byte[] publicKey, byte[] message, byte[] signature) {
        static Vector of(String name, String seed, String pk, String message, String sig) {
            return new Vector(name, HEX.parseHex(seed), HEX.parseHex(pk), HEX.parseHex(message),
                    HEX.parseHex(sig));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Vector> VECTORS = List.of(
            Vector.of("TEST 1",
                    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
                    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
            Vector.of("TEST 2",
                    "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                    "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
                    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
            Vector.of("TEST 3",
                    "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
                    "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
                    "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                            + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
            Vector.of("TEST SHA(abc)",
                    "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
                    "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
                    "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                            + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
                    "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
                            + "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"));

    /** BouncyCastle, and libsodium where it loaded (where it must, it is required). */
    static Stream<Ed25519Provider> providers() {
        if (Ed25519ProvidersTest.nativeRequired()) {
            return Stream.of(Ed25519Providers.bouncyCastle(), Ed25519Providers.nativeProvider()
                    .orElseThrow(() -> new AssertionError("libsodium did not load: "
                            + Ed25519Providers.nativeUnavailableReason())));
        }
        return Stream.concat(Stream.of(Ed25519Providers.bouncyCastle()),
                Ed25519Providers.nativeProvider().stream());
    }

    static Stream<Object[]> providersAndVectors() {
        return providers().flatMap(p -> VECTORS.stream().map(v -> new Object[] {p, v}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVectors")
    void signsExactlyTheRfcSignature(Ed25519Provider p, Vector v) {
        assertArrayEquals(v.signature(), p.sign(v.seed(), v.publicKey(), v.message(), 0,
                v.message().length));
        // The same message inside a larger array: only the range is signed.
        byte[] padded = embed(v.message(), 3, 5);
        assertArrayEquals(v.signature(), p.sign(v.seed(), v.publicKey(), padded, 3,
                v.message().length));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVectors")
    void acceptsTheRfcSignatureAlsoInsideLargerArrays(Ed25519Provider p, Vector v) {
        assertTrue(verify(p, v.publicKey(), v.signature(), v.message()));
        byte[] key = embed(v.publicKey(), 7, 2);
        byte[] sig = embed(v.signature(), 1, 9);
        byte[] msg = embed(v.message(), 4, 4);
        assertTrue(p.verify(key, 7, sig, 1, msg, 4, v.message().length));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVectors")
    void rejectsAnyFlippedBitInMessageSignatureOrKey(Ed25519Provider p, Vector v) {
        for (int i = 0; i < v.message().length * 8; i++) {
            assertFalse(verify(p, v.publicKey(), v.signature(), flip(v.message(), i)),
                    "message bit " + i);
        }
        if (v.message().length == 0) {
            assertFalse(verify(p, v.publicKey(), v.signature(), new byte[1]), "a byte added");
        }
        for (int i = 0; i < 64 * 8; i++) {
            assertFalse(verify(p, v.publicKey(), flip(v.signature(), i), v.message()),
                    "signature bit " + i);
        }
        for (int i = 0; i < 32 * 8; i++) {
            assertFalse(verify(p, flip(v.publicKey(), i), v.signature(), v.message()),
                    "key bit " + i);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVectors")
    void malformedInputIsFalseNotAnException(Ed25519Provider p, Vector v) {
        byte[] sig = v.signature();
        // S + L is the same scalar mod L: accepting it would make signatures malleable.
        assertFalse(verify(p, v.publicKey(), withS(sig, s(sig).add(L)), v.message()), "S + L");
        assertFalse(verify(p, v.publicKey(), withS(sig, L), v.message()), "S = L");
        byte[] allOnes = sig.clone();
        Arrays.fill(allOnes, 32, 64, (byte) 0xff);
        assertFalse(verify(p, v.publicKey(), allOnes, v.message()), "S all ones");
        // y = p: a non-canonical encoding of y = 0, as key and as R.
        byte[] yIsP = HEX.parseHex(
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        assertFalse(verify(p, yIsP, sig, v.message()), "key y = p");
        byte[] badR = sig.clone();
        System.arraycopy(yIsP, 0, badR, 0, 32);
        assertFalse(verify(p, v.publicKey(), badR, v.message()), "R y = p");
        assertFalse(verify(p, new byte[32], sig, v.message()), "key all zeros");
        assertFalse(verify(p, v.publicKey(), new byte[64], v.message()), "signature all zeros");
        byte[] ff = new byte[32];
        Arrays.fill(ff, (byte) 0xff);
        assertFalse(verify(p, ff, sig, v.message()), "key all ones");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void theIdentityKeyWithTheIdentitySignatureIsRejected(Ed25519Provider p) {
        // A = R = the neutral point, S = 0: [S]B = R + [k]A holds for every message, so an
        // implementation that does not refuse small-order points accepts anything for this key.
        byte[] identity = new byte[32];
        identity[0] = 1;
        byte[] sig = new byte[64];
        sig[0] = 1;
        assertFalse(verify(p, identity, sig, HEX.parseHex("af82")));
    }

    private static boolean verify(Ed25519Provider p, byte[] key, byte[] sig, byte[] msg) {
        return p.verify(key, 0, sig, 0, msg, 0, msg.length);
    }

    private static byte[] embed(byte[] bytes, int before, int after) {
        byte[] out = new byte[before + bytes.length + after];
        Arrays.fill(out, (byte) 0x5a);
        System.arraycopy(bytes, 0, out, before, bytes.length);
        return out;
    }

    private static byte[] flip(byte[] bytes, int bit) {
        byte[] out = bytes.clone();
        out[bit / 8] ^= (byte) (1 << (bit % 8));
        return out;
    }

    /** S, the signature's second half, as a little-endian number. */
    private static BigInteger s(byte[] sig) {
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = sig[63 - i];
        }
        return new BigInteger(1, be);
    }

    private static byte[] withS(byte[] sig, BigInteger s) {
        byte[] out = sig.clone();
        byte[] be = s.toByteArray();
        Arrays.fill(out, 32, 64, (byte) 0);
        for (int i = 0; i < be.length && i < 33; i++) {
            int at = 32 + (be.length - 1 - i);
            if (at < 64) {
                out[at] = be[i];
            }
        }
        return out;
    }
}
