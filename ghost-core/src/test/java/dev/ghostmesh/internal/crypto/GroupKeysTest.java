package dev.ghostmesh.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.internal.crypto.GroupKeys.KdfParams;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class GroupKeysTest {
    private static final HexFormat HEX = HexFormat.of();
    /** Small, to keep tests fast; only one test pays for {@link KdfParams#DEFAULT}. */
    private static final KdfParams CHEAP = new KdfParams(64, 1, 1);
    private static final String PASSWORD = "correct horse caf\u00e9 \u2603";
    private static final String GROUP = "ops-room";
    private static final byte[] MESSAGE_ID = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] CONTEXT =
            "msg-id|origin|#ops-room".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TEXT = "deploy at noon".getBytes(StandardCharsets.UTF_8);

    @Test
    void bouncyCastleArgon2idMatchesRfc9106Section5_3() {
        // RFC 9106 §5.3: Argon2id v0x13, 32 KiB, 3 passes, 4 lanes, secret and associated data.
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(32)
                .withIterations(3)
                .withParallelism(4)
                .withSalt(filled(16, 0x02))
                .withSecret(filled(8, 0x03))
                .withAdditional(filled(12, 0x04))
                .build());
        byte[] tag = new byte[32];
        generator.generateBytes(filled(32, 0x01), tag);
        assertEquals("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659",
                HEX.formatHex(tag));
    }

    @Test
    void theSaltIsTheHashOfTheLabelAndTheGroupName() throws GeneralSecurityException {
        byte[] expected = JdkCrypto.sha256("ghost-terminal group v1".getBytes(
                StandardCharsets.US_ASCII), new byte[] {0}, GROUP.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(expected, GroupKeys.salt(GROUP));
    }

    @Test
    void deriveKeyMatchesTheArgon2ReferenceImplementation() {
        // Pinned from the Argon2 reference C implementation (argon2-cffi 21.1.0's
        // hash_secret_raw over libargon2: Argon2id v0x13, 64 KiB, t=1, p=1, 32 bytes) given
        // the NFC UTF-8 password and SHA-256("ghost-terminal group v1" || 0 || "ops-room").
        assertEquals("975a0b3f97f549747754bfa67a728ef462bdc626ff5ed31f9d04927a5158c84b",
                HEX.formatHex(GroupKeys.deriveKey(PASSWORD, GROUP, CHEAP)));
    }

    @Test
    void defaultParametersDeriveTheReferenceKey() {
        // The one run of DEFAULT (64 MiB, t=3, p=1); the value is from the same reference
        // implementation as above.
        assertEquals("67067cd523b88050a8985df21d2a75bc545dd4fae921cb9ca1dbd5629778dc11",
                HEX.formatHex(GroupKeys.deriveKey(PASSWORD, GROUP, KdfParams.DEFAULT)));
    }

    @Test
    void theSamePasswordComposedDifferentlyGivesTheSameKey() {
        byte[] precomposed = GroupKeys.deriveKey("caf\u00e9", GROUP, CHEAP);
        byte[] decomposed = GroupKeys.deriveKey("cafe\u0301", GROUP, CHEAP);
        assertArrayEquals(precomposed, decomposed);
        assertFalse(Arrays.equals(precomposed, GroupKeys.deriveKey("cafe", GROUP, CHEAP)));
    }

    @Test
    void aPasswordInACharArrayGivesTheSameKeyAsTheStringAndTheArrayIsLeftAsIs() {
        for (String password : new String[] {PASSWORD, "cafe\u0301", "lone \ud800 surrogate"}) {
            char[] chars = password.toCharArray();
            assertArrayEquals(GroupKeys.deriveKey(password, GROUP, CHEAP),
                    GroupKeys.deriveKey(chars, GROUP, CHEAP), password);
            assertArrayEquals(password.toCharArray(), chars);
        }
    }

    @Test
    void anotherPasswordOrGroupGivesAnotherKeyAndVerifier() {
        byte[] key = GroupKeys.deriveKey(PASSWORD, GROUP, CHEAP);
        byte[] wrongPassword = GroupKeys.deriveKey(PASSWORD + "!", GROUP, CHEAP);
        byte[] otherGroup = GroupKeys.deriveKey(PASSWORD, GROUP + "2", CHEAP);
        assertFalse(Arrays.equals(key, wrongPassword));
        assertFalse(Arrays.equals(key, otherGroup));
        assertFalse(Arrays.equals(GroupKeys.verifier(key), GroupKeys.verifier(wrongPassword)));
        assertArrayEquals(GroupKeys.verifier(key),
                GroupKeys.verifier(GroupKeys.deriveKey(PASSWORD, GROUP, CHEAP)));
    }

    @Test
    void otherKdfParametersGiveAnotherKey() {
        assertFalse(Arrays.equals(GroupKeys.deriveKey(PASSWORD, GROUP, CHEAP),
                GroupKeys.deriveKey(PASSWORD, GROUP, new KdfParams(64, 2, 1))));
    }

    @Test
    void theVerifierIsHmacSha256OfItsLabel() throws GeneralSecurityException {
        byte[] key = filled(32, 0x5a);
        byte[] expected = JdkCrypto.hmacSha256(key,
                "ghost-terminal group verifier v1".getBytes(StandardCharsets.US_ASCII));
        assertEquals("721b2e2b3ceab2e14f9f28a8d84864804e603a2d978baab13091ed2157b2d7da",
                HEX.formatHex(expected));
        assertArrayEquals(expected, GroupKeys.verifier(key));
    }

    @Test
    void sealMatchesTheConstructionComputedIndependentlyWithTheJdk()
            throws GeneralSecurityException {
        byte[] key = filled(32, 0x5a);
        byte[] messageKey = JdkCrypto.hkdfSha256(key, OneShotAead.concat(
                "ghost-terminal group message v1".getBytes(StandardCharsets.US_ASCII), MESSAGE_ID),
                32);
        byte[] expected = JdkCrypto.chachaPolySeal(messageKey, CONTEXT, TEXT);
        assertEquals("afb738b50a87866f3a2065726adf7f246a9fe07f5caf2c1323dbd8c55466",
                HEX.formatHex(expected));
        assertArrayEquals(expected, GroupKeys.seal(key, MESSAGE_ID, CONTEXT, TEXT));
    }

    @Test
    void membersOpenWhatAMemberSealed() throws CryptoException {
        byte[] key = GroupKeys.deriveKey(PASSWORD, GROUP, CHEAP);
        byte[] sealed = GroupKeys.seal(key, MESSAGE_ID, CONTEXT, TEXT);
        assertEquals(TEXT.length + GroupKeys.OVERHEAD, sealed.length);
        assertArrayEquals(TEXT, GroupKeys.open(GroupKeys.deriveKey(PASSWORD, GROUP, CHEAP),
                MESSAGE_ID, CONTEXT, sealed));
        assertArrayEquals(new byte[0], GroupKeys.open(key, MESSAGE_ID, CONTEXT,
                GroupKeys.seal(key, MESSAGE_ID, CONTEXT, new byte[0])));
    }

    @Test
    void aBitFlippedAnywhereInTheCiphertextOrTagIsRejected() {
        byte[] key = filled(32, 0x5a);
        byte[] sealed = GroupKeys.seal(key, MESSAGE_ID, CONTEXT, TEXT);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= (byte) (1 << (i % 8));
            assertThrows(CryptoException.class,
                    () -> GroupKeys.open(key, MESSAGE_ID, CONTEXT, tampered), "flip in byte " + i);
        }
        assertThrows(CryptoException.class,
                () -> GroupKeys.open(key, MESSAGE_ID, CONTEXT, new byte[GroupKeys.OVERHEAD - 1]));
    }

    @Test
    void aWrongPasswordMessageIdOrContextIsRejected() {
        byte[] key = GroupKeys.deriveKey(PASSWORD, GROUP, CHEAP);
        byte[] sealed = GroupKeys.seal(key, MESSAGE_ID, CONTEXT, TEXT);
        byte[] wrongKey = GroupKeys.deriveKey("hunter2", GROUP, CHEAP);
        assertThrows(CryptoException.class,
                () -> GroupKeys.open(wrongKey, MESSAGE_ID, CONTEXT, sealed));
        byte[] otherId = MESSAGE_ID.clone();
        otherId[15] ^= 1;
        assertThrows(CryptoException.class, () -> GroupKeys.open(key, otherId, CONTEXT, sealed));
        byte[] otherContext = CONTEXT.clone();
        otherContext[CONTEXT.length - 1] ^= 1;
        assertThrows(CryptoException.class,
                () -> GroupKeys.open(key, MESSAGE_ID, otherContext, sealed));
    }

    @Test
    void keysAndIdsOfTheWrongLengthAreCallerErrors() {
        assertThrows(IllegalArgumentException.class,
                () -> GroupKeys.seal(new byte[31], MESSAGE_ID, CONTEXT, TEXT));
        assertThrows(IllegalArgumentException.class,
                () -> GroupKeys.seal(filled(32, 1), new byte[15], CONTEXT, TEXT));
        assertThrows(IllegalArgumentException.class, () -> GroupKeys.verifier(new byte[16]));
    }

    @Test
    void theDefaultIs64MibThreePassesOneLane() {
        assertEquals(new KdfParams(65536, 3, 1), KdfParams.DEFAULT);
    }

    @Test
    void kdfParametersAtTheBoundsAreAccepted() {
        assertDoesNotThrow(() -> new KdfParams(8, 1, 1));
        assertDoesNotThrow(() -> new KdfParams(32, 1, 4));
        assertDoesNotThrow(() -> new KdfParams(256 * 1024, 10, 4));
        assertTrue(KdfParams.isValid(256 * 1024, 10, 4));
    }

    @Test
    void kdfParametersOutOfRangeAreRejected() {
        int[][] rejected = {
            {7, 1, 1}, {256 * 1024 + 1, 1, 1}, {1024 * 1024, 3, 1}, {-1, 1, 1},
            {64, 0, 1}, {64, 11, 1}, {64, 1, 0}, {64, 1, 5}, {31, 1, 4}, {Integer.MAX_VALUE, 1, 1},
        };
        for (int[] p : rejected) {
            String what = Arrays.toString(p);
            assertFalse(KdfParams.isValid(p[0], p[1], p[2]), what);
            assertThrows(IllegalArgumentException.class, () -> new KdfParams(p[0], p[1], p[2]),
                    what);
        }
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
