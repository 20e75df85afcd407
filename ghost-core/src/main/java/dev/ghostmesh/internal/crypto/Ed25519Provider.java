package dev.ghostmesh.internal.crypto;

import dev.ghostmesh.SignatureProvider;
import java.util.Objects;

/**
 * One implementation of Ed25519 (RFC 8032, pure: no context, no pre-hash), behind which every
 * signature the node makes or checks goes: packet envelopes, handshake payloads, saved group
 * creations. Get one from {@link Ed25519Providers}.
 *
 * <p>Implementations must agree bit for bit: the same signature for the same key and message,
 * and the same verdict for every input, malformed ones included, since nodes running different
 * implementations must accept and relay the same packets.
 *
 * <p>Threading: implementations are stateless and thread-safe.
 */
public interface Ed25519Provider {
    /** Length of a public key or a private seed. */
    int KEY_LENGTH = 32;
    /** Length of a signature. */
    int SIGNATURE_LENGTH = 64;

    /** What it is, for people: {@code "BouncyCastle"}, {@code "libsodium 1.0.18"}. */
    String name();

    /** The public choice this implementation fulfils (never {@code AUTO}). */
    SignatureProvider kind();

    /**
     * Signs {@code length} bytes of {@code message} from {@code offset} with the key pair of
     * {@code seed} (32 bytes) and {@code publicKey} (32 bytes, derived from the seed; passed so
     * that it is not derived again per signature) and returns the 64-byte signature.
     *
     * @throws IndexOutOfBoundsException if a range lies outside its array
     */
    byte[] sign(byte[] seed, byte[] publicKey, byte[] message, int offset, int length);

    /**
     * True if the 64 bytes of {@code signature} at {@code sigOffset} are a valid signature of
     * the message range by the 32-byte public key at {@code keyOffset}. Malformed input (a key
     * that is no point, a non-canonical scalar) is false, never an exception.
     *
     * @throws IndexOutOfBoundsException if a range lies outside its array
     */
    boolean verify(byte[] key, int keyOffset, byte[] signature, int sigOffset, byte[] message,
            int offset, int length);

    /**
     * Checks the ranges of a {@link #sign} call, so every implementation throws the same
     * {@link IndexOutOfBoundsException} before touching (or handing native code) the arrays.
     */
    static void checkSignRanges(byte[] seed, byte[] publicKey, byte[] message, int offset,
            int length) {
        Objects.checkFromIndexSize(0, KEY_LENGTH, seed.length);
        Objects.checkFromIndexSize(0, KEY_LENGTH, publicKey.length);
        Objects.checkFromIndexSize(offset, length, message.length);
    }

    /** The same for a {@link #verify} call. */
    static void checkVerifyRanges(byte[] key, int keyOffset, byte[] signature, int sigOffset,
            byte[] message, int offset, int length) {
        Objects.checkFromIndexSize(keyOffset, KEY_LENGTH, key.length);
        Objects.checkFromIndexSize(sigOffset, SIGNATURE_LENGTH, signature.length);
        Objects.checkFromIndexSize(offset, length, message.length);
    }
}
