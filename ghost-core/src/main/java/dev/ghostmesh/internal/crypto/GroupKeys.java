package dev.ghostmesh.internal.crypto;

import dev.ghostmesh.MessageId;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Keys and message encryption for password-protected groups.
 *
 * <ul>
 *   <li>Group key: Argon2id (version 0x13) of the UTF-8 bytes of the NFC-normalized password,
 *       salt {@code SHA-256("ghost-terminal group v1" || 0x00 || UTF-8(group name))}, 32 bytes.
 *       The salt is per group, so one precomputed table does not serve every group; the KDF is
 *       memory-hard because everything a group publishes (its verifier, every ciphertext) lets
 *       an eavesdropper test password guesses offline.
 *   <li>Verifier: {@code HMAC-SHA256(groupKey, "ghost-terminal group verifier v1")}, published
 *       in the signed group creation so a joiner learns at once that a password is wrong.
 *   <li>Messages: per-message key {@code HKDF-SHA256(ikm = groupKey, salt = none, info =
 *       "ghost-terminal group message v1" || messageId)}, then ChaCha20-Poly1305 with a zero
 *       nonce and the caller's {@code context} as associated data. The key is unique per message
 *       id, and ids are 16 random bytes per message, so no key and nonce pair repeats.
 * </ul>
 *
 * <p>Threading: stateless and thread-safe. {@link #deriveKey} is slow on purpose (with
 * {@link KdfParams#DEFAULT}, 64 MiB and a fraction of a second): never call it on the node or an
 * I/O thread.
 */
public final class GroupKeys {
    /** Length of a group key. */
    public static final int KEY_LENGTH = OneShotAead.KEY_LENGTH;
    /** Length of a verifier. */
    public static final int VERIFIER_LENGTH = 32;
    /** Bytes a ciphertext is longer than its plaintext. */
    public static final int OVERHEAD = OneShotAead.TAG_LENGTH;

    private static final byte[] SALT_LABEL =
            "ghost-terminal group v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERIFIER_LABEL =
            "ghost-terminal group verifier v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE_LABEL =
            "ghost-terminal group message v1".getBytes(StandardCharsets.US_ASCII);

    private GroupKeys() {}

    /**
     * Argon2id cost parameters. They travel inside a signed group creation, so a malicious
     * creator could pick them to make every joiner burn memory and time; the bounds here cap
     * that at 256 MiB, 10 passes and 4 lanes. Construction rejects anything outside them, so a
     * decoder that builds a {@code KdfParams} from the wire gets an
     * {@link IllegalArgumentException} to drop and count ({@link #isValid} checks first).
     * Immutable and thread-safe.
     *
     * @param memoryKiB memory in KiB, {@value #MIN_MEMORY_KIB}..{@value #MAX_MEMORY_KIB} and at
     *     least 8 per lane
     * @param iterations passes over memory, 1..{@value #MAX_ITERATIONS}
     * @param parallelism lanes, 1..{@value #MAX_PARALLELISM}
     */
    public record KdfParams(int memoryKiB, int iterations, int parallelism) {
        /** Smallest memory Argon2 allows (8 KiB per lane). */
        public static final int MIN_MEMORY_KIB = 8;
        /** Largest memory a group may demand of its joiners: 256 MiB. */
        public static final int MAX_MEMORY_KIB = 256 * 1024;
        /** Most passes a group may demand. */
        public static final int MAX_ITERATIONS = 10;
        /** Most lanes a group may demand. */
        public static final int MAX_PARALLELISM = 4;
        /**
         * 64 MiB, 3 passes, 1 lane: the memory and passes of RFC 9106's second recommended
         * option, with one lane because BouncyCastle computes lanes one after another, so more
         * lanes would not shorten a join here while costing an attacker no more.
         */
        public static final KdfParams DEFAULT = new KdfParams(64 * 1024, 3, 1);

        public KdfParams {
            if (!isValid(memoryKiB, iterations, parallelism)) {
                throw new IllegalArgumentException("Argon2id parameters out of range: memory "
                        + memoryKiB + " KiB, " + iterations + " iterations, parallelism "
                        + parallelism + " (allowed: 1.." + MAX_PARALLELISM + " lanes, 8 KiB per"
                        + " lane.." + MAX_MEMORY_KIB + " KiB, 1.." + MAX_ITERATIONS
                        + " iterations)");
            }
        }

        /** True when the parameters are within the bounds above. */
        public static boolean isValid(int memoryKiB, int iterations, int parallelism) {
            return parallelism >= 1 && parallelism <= MAX_PARALLELISM
                    && iterations >= 1 && iterations <= MAX_ITERATIONS
                    && memoryKiB >= MIN_MEMORY_KIB * parallelism && memoryKiB <= MAX_MEMORY_KIB;
        }
    }

    /**
     * Derives the 32-byte group key from a password. The same password typed on systems that
     * compose accents differently gives the same key (NFC normalization).
     *
     * @param normalizedGroupName the group's name exactly as the protocol normalizes it
     */
    public static byte[] deriveKey(String password, String normalizedGroupName, KdfParams params) {
        Objects.requireNonNull(password, "password");
        return derive(Normalizer.normalize(password, Normalizer.Form.NFC)
                .getBytes(StandardCharsets.UTF_8), normalizedGroupName, params);
    }

    /**
     * As {@link #deriveKey(String, String, KdfParams)} for a password held in a char array, which
     * a caller can clear afterwards. An NFC-normalized password (nearly every one) is encoded
     * without an intermediate {@code String}; the UTF-8 bytes are cleared after use. The array
     * itself is not changed.
     */
    public static byte[] deriveKey(char[] password, String normalizedGroupName, KdfParams params) {
        Objects.requireNonNull(password, "password");
        CharBuffer chars = CharBuffer.wrap(password);
        if (!Normalizer.isNormalized(chars, Normalizer.Form.NFC)) {
            chars = CharBuffer.wrap(Normalizer.normalize(chars, Normalizer.Form.NFC));
        }
        ByteBuffer encoded;
        try {
            // REPLACE with '?' is what String.getBytes does, so both overloads agree on any input.
            encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .encode(chars);
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("UTF-8 with replacement cannot fail", e);
        }
        byte[] passwordBytes = new byte[encoded.remaining()];
        encoded.get(passwordBytes);
        Arrays.fill(encoded.array(), (byte) 0);
        return derive(passwordBytes, normalizedGroupName, params);
    }

    /** Argon2id of {@code passwordBytes}, which it clears. */
    private static byte[] derive(byte[] passwordBytes, String normalizedGroupName,
            KdfParams params) {
        Objects.requireNonNull(params, "params");
        Argon2Parameters argon2 = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt(normalizedGroupName))
                .withMemoryAsKB(params.memoryKiB())
                .withIterations(params.iterations())
                .withParallelism(params.parallelism())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(argon2);
        byte[] key = new byte[KEY_LENGTH];
        try {
            generator.generateBytes(passwordBytes, key);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
            argon2.clear();
        }
        return key;
    }

    /** The Argon2id salt of a group: {@code SHA-256("ghost-terminal group v1" || 0 || name)}. */
    static byte[] salt(String normalizedGroupName) {
        Objects.requireNonNull(normalizedGroupName, "normalizedGroupName");
        byte[] name = normalizedGroupName.getBytes(StandardCharsets.UTF_8);
        SHA256Digest sha256 = new SHA256Digest();
        sha256.update(SALT_LABEL, 0, SALT_LABEL.length);
        // The zero byte ends the label, so no name can shift bytes into it.
        sha256.update((byte) 0);
        sha256.update(name, 0, name.length);
        byte[] salt = new byte[sha256.getDigestSize()];
        sha256.doFinal(salt, 0);
        return salt;
    }

    /**
     * The group's password verifier. Anyone holding it can test password guesses offline, at
     * the cost of one Argon2id run each, exactly as they can with any group ciphertext; that is
     * why the KDF is memory-hard and why groups should use strong passwords.
     */
    public static byte[] verifier(byte[] groupKey) {
        requireGroupKey(groupKey);
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(groupKey));
        hmac.update(VERIFIER_LABEL, 0, VERIFIER_LABEL.length);
        byte[] out = new byte[VERIFIER_LENGTH];
        hmac.doFinal(out, 0);
        return out;
    }

    /**
     * Encrypts one group message. {@code messageId} must be the message's own fresh 16-byte
     * id: sealing two different messages under one id would reuse a key and nonce.
     */
    public static byte[] seal(byte[] groupKey, byte[] messageId, byte[] context, byte[] plaintext) {
        byte[] key = messageKey(groupKey, messageId);
        try {
            return OneShotAead.seal(key, context, plaintext);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Decrypts one group message.
     *
     * @throws CryptoException if it does not authenticate: another group key (wrong password),
     *     another message id or context, or a changed ciphertext
     */
    public static byte[] open(byte[] groupKey, byte[] messageId, byte[] context, byte[] ciphertext)
            throws CryptoException {
        byte[] key = messageKey(groupKey, messageId);
        try {
            return OneShotAead.open(key, context, ciphertext);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] messageKey(byte[] groupKey, byte[] messageId) {
        requireGroupKey(groupKey);
        if (messageId.length != MessageId.LENGTH) {
            throw new IllegalArgumentException("message id of " + messageId.length
                    + " bytes, need " + MessageId.LENGTH);
        }
        return OneShotAead.hkdfSha256(groupKey, OneShotAead.concat(MESSAGE_LABEL, messageId),
                OneShotAead.KEY_LENGTH);
    }

    private static void requireGroupKey(byte[] groupKey) {
        if (groupKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("group key of " + groupKey.length
                    + " bytes, need " + KEY_LENGTH);
        }
    }
}
