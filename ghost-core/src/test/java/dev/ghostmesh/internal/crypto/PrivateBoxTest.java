package dev.ghostmesh.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ghostmesh.Identity;
import dev.ghostmesh.internal.identity.ApiInternals;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivateBoxTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Identity ALICE = Identity.fromSeed(filled(32, 0x11));
    private static final Identity BOB = Identity.fromSeed(filled(32, 0x22));
    private static final Identity CAROL = Identity.fromSeed(filled(32, 0x33));
    private static final byte[] CONTEXT = "msg-id|alice|bob".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TEXT = "meet at the north gate".getBytes(StandardCharsets.UTF_8);

    /** Low-order and non-canonical low-order X25519 points (as listed by libsodium). */
    private static final List<String> LOW_ORDER_POINTS = List.of(
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
            "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");

    @Test
    void theRecipientOpensWhatTheSenderSealed() throws CryptoException {
        PrivateBox.Sealed box = PrivateBox.seal(ALICE, BOB.agreementPublicKey(), CONTEXT, TEXT);
        assertEquals(PrivateBox.KEY_LENGTH, box.ephemeralPublic().length);
        assertEquals(TEXT.length + PrivateBox.OVERHEAD, box.ciphertext().length);
        assertArrayEquals(TEXT, PrivateBox.open(BOB, ALICE.agreementPublicKey(),
                box.ephemeralPublic(), CONTEXT, box.ciphertext()));
    }

    @Test
    void anEmptyMessageRoundTrips() throws CryptoException {
        PrivateBox.Sealed box = PrivateBox.seal(ALICE, BOB.agreementPublicKey(), new byte[0],
                new byte[0]);
        assertArrayEquals(new byte[0], PrivateBox.open(BOB, ALICE.agreementPublicKey(),
                box.ephemeralPublic(), new byte[0], box.ciphertext()));
    }

    @Test
    void everySealUsesAFreshEphemeralKey() throws CryptoException {
        PrivateBox.Sealed first = PrivateBox.seal(ALICE, BOB.agreementPublicKey(), CONTEXT, TEXT);
        PrivateBox.Sealed second = PrivateBox.seal(ALICE, BOB.agreementPublicKey(), CONTEXT, TEXT);
        assertFalse(Arrays.equals(first.ephemeralPublic(), second.ephemeralPublic()));
        assertFalse(Arrays.equals(first.ciphertext(), second.ciphertext()));
    }

    @Test
    void matchesTheConstructionComputedIndependentlyWithTheJdk()
            throws CryptoException, GeneralSecurityException {
        byte[] ephemeralPrivate = filled(32, 0x44);
        byte[] recipient = BOB.agreementPublicKey();
        PrivateBox.Sealed box = PrivateBox.sealWithEphemeral(ALICE, ephemeralPrivate, recipient,
                CONTEXT, TEXT);

        // The design, step by step, with SunEC X25519, RFC 5869 HKDF over SunJCE HMAC and
        // SunJCE ChaCha20-Poly1305.
        byte[] ephemeralPublic = JdkCrypto.x25519Public(ephemeralPrivate);
        byte[] dh1 = JdkCrypto.x25519(ephemeralPrivate, recipient);
        byte[] dh2 = JdkCrypto.x25519(ApiInternals.agreementPrivateKey(ALICE), recipient);
        byte[] info = OneShotAead.concat("ghost-terminal private v1".getBytes(
                StandardCharsets.US_ASCII), ephemeralPublic, ALICE.agreementPublicKey(), recipient);
        byte[] key = JdkCrypto.hkdfSha256(OneShotAead.concat(dh1, dh2), info, 32);
        byte[] ciphertext = JdkCrypto.chachaPolySeal(key, CONTEXT, TEXT);

        // Pinned from the JDK computation above: a regression check that also fails if the
        // identities' key derivation changes.
        assertEquals("ff2ee45601ec1b67310c7790404585ae697331eee1c1f8cf2419731c1fff3e6b",
                HEX.formatHex(ephemeralPublic));
        assertEquals("298fc41dd145076c23540824e503953347a2c60dddd1cfd8d0eb33f00ae30b4f4cf7c03124f9",
                HEX.formatHex(ciphertext));
        assertEquals(HEX.formatHex(ephemeralPublic), HEX.formatHex(box.ephemeralPublic()));
        assertEquals(HEX.formatHex(ciphertext), HEX.formatHex(box.ciphertext()));
        assertArrayEquals(TEXT, JdkCrypto.chachaPolyOpen(key, CONTEXT, box.ciphertext()));
    }

    @Test
    void aBitFlippedAnywhereInTheCiphertextOrTagIsRejected() throws CryptoException {
        PrivateBox.Sealed box = PrivateBox.seal(ALICE, BOB.agreementPublicKey(), CONTEXT, TEXT);
        for (int i = 0; i < box.ciphertext().length; i++) {
            byte[] tampered = box.ciphertext().clone();
            tampered[i] ^= (byte) (1 << (i % 8));
            assertThrows(CryptoException.class, () -> PrivateBox.open(BOB,
                    ALICE.agreementPublicKey(), box.ephemeralPublic(), CONTEXT, tampered),
                    "flip in byte " + i);
        }
    }

    @Test
    void aChangedEphemeralKeyOrContextIsRejected() throws CryptoException {
        PrivateBox.Sealed box = PrivateBox.seal(ALICE, BOB.agreementPublicKey(), CONTEXT, TEXT);
        byte[] ephemeral = box.ephemeralPublic().clone();
        ephemeral[5] ^= 0x10;
        assertThrows(CryptoException.class, () -> PrivateBox.open(BOB,
                ALICE.agreementPublicKey(), ephemeral, CONTEXT, box.ciphertext()));
        // Bit 255 is ignored by X25519 itself; the key is hashed in, so it still counts.
        byte[] highBit = box.ephemeralPublic().clone();
        highBit[31] ^= (byte) 0x80;
        assertThrows(CryptoException.class, () -> PrivateBox.open(BOB,
                ALICE.agreementPublicKey(), highBit, CONTEXT, box.ciphertext()));
        byte[] context = CONTEXT.clone();
        context[0] ^= 1;
        assertThrows(CryptoException.class, () -> PrivateBox.open(BOB,
                ALICE.agreementPublicKey(), box.ephemeralPublic(), context, box.ciphertext()));
        assertThrows(CryptoException.class, () -> PrivateBox.open(BOB,
                ALICE.agreementPublicKey(), box.ephemeralPublic(), new byte[0], box.ciphertext()));
    }

    @Test
    void onlyTheAddressedRecipientOpensIt() throws CryptoException {
        PrivateBox.Sealed box = PrivateBox.seal(ALICE, BOB.agreementPublicKey(), CONTEXT, TEXT);
        assertThrows(CryptoException.class, () -> PrivateBox.open(CAROL,
                ALICE.agreementPublicKey(), box.ephemeralPublic(), CONTEXT, box.ciphertext()));
    }

    @Test
    void aBoxAttributedToAnotherSenderIsRejected() throws CryptoException {
        PrivateBox.Sealed box = PrivateBox.seal(ALICE, BOB.agreementPublicKey(), CONTEXT, TEXT);
        assertThrows(CryptoException.class, () -> PrivateBox.open(BOB,
                CAROL.agreementPublicKey(), box.ephemeralPublic(), CONTEXT, box.ciphertext()));
    }

    @Test
    void lowOrderKeysAreRejectedOnBothSides() {
        for (String point : LOW_ORDER_POINTS) {
            byte[] lowOrder = HEX.parseHex(point);
            assertThrows(CryptoException.class,
                    () -> PrivateBox.seal(ALICE, lowOrder, CONTEXT, TEXT), "seal to " + point);
            byte[] ciphertext = new byte[TEXT.length + PrivateBox.OVERHEAD];
            assertThrows(CryptoException.class, () -> PrivateBox.open(BOB,
                    ALICE.agreementPublicKey(), lowOrder, CONTEXT, ciphertext),
                    "ephemeral " + point);
            assertThrows(CryptoException.class, () -> PrivateBox.open(BOB, lowOrder,
                    ALICE.agreementPublicKey(), CONTEXT, ciphertext), "sender " + point);
        }
    }

    @Test
    void malformedInputFromTheWireIsACryptoException() throws CryptoException {
        PrivateBox.Sealed box = PrivateBox.seal(ALICE, BOB.agreementPublicKey(), CONTEXT, TEXT);
        assertThrows(CryptoException.class, () -> PrivateBox.open(BOB,
                ALICE.agreementPublicKey(), new byte[31], CONTEXT, box.ciphertext()));
        assertThrows(CryptoException.class, () -> PrivateBox.open(BOB, new byte[33],
                box.ephemeralPublic(), CONTEXT, box.ciphertext()));
        assertThrows(CryptoException.class, () -> PrivateBox.open(BOB,
                ALICE.agreementPublicKey(), box.ephemeralPublic(), CONTEXT, new byte[15]));
        assertThrows(CryptoException.class, () -> PrivateBox.open(BOB,
                ALICE.agreementPublicKey(), box.ephemeralPublic(), CONTEXT,
                Arrays.copyOf(box.ciphertext(), box.ciphertext().length - 1)));
    }

    @Test
    void aRecipientKeyOfTheWrongLengthIsACallerError() {
        assertThrows(IllegalArgumentException.class,
                () -> PrivateBox.seal(ALICE, new byte[31], CONTEXT, TEXT));
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
