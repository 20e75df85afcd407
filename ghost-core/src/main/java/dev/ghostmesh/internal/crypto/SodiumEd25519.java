package dev.ghostmesh.internal.crypto;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.ghostmesh.SignatureProvider;
import java.util.Arrays;
import java.util.List;

/**
 * Ed25519 by the system's libsodium, bound with JNA's direct mapping (the fastest JNA call
 * path: no proxy, no reflection per call). Only {@link Ed25519Providers} creates it, and only
 * after checking that JNA is on the class path; it keeps it only if it passes the self-test.
 *
 * <p>JNA passes whole arrays, so a range that is not a whole array is copied first: a few
 * hundred bytes per packet, nothing beside the signature check itself. Every range is
 * bounds-checked in Java before it reaches C, which would read past an array without a word.
 *
 * <p>Threading: stateless and thread-safe (libsodium's signing and verifying are, once
 * {@code sodium_init} has run, which {@link #load} does before anything else).
 */
final class SodiumEd25519 implements Ed25519Provider {
    /** Names tried in order: the linker's name, then Debian's and others' run-time sonames. */
    private static final List<String> LIBRARY_NAMES =
            List.of("sodium", "libsodium.so.23", "libsodium.so.26", "libsodium");

    /** The C functions; bound by {@link Native#register(Class, NativeLibrary)} in load. */
    private static final class Lib {
        static native int sodium_init();

        static native String sodium_version_string();

        static native int crypto_sign_ed25519_detached(byte[] sig, Pointer sigLength,
                byte[] message, long messageLength, byte[] secretKey);

        static native int crypto_sign_ed25519_verify_detached(byte[] sig, byte[] message,
                long messageLength, byte[] publicKey);
    }

    private final String name;

    private SodiumEd25519(String name) {
        this.name = name;
    }

    /**
     * Binds libsodium and initialises it. Once per process ({@link Ed25519Providers} holds the
     * result): JNA cannot bind one class's natives twice.
     *
     * @throws UnsatisfiedLinkError if no libsodium can be found or bound
     * @throws IllegalStateException if {@code sodium_init} fails
     */
    static SodiumEd25519 load() {
        NativeLibrary library = open();
        Native.register(Lib.class, library);
        if (Lib.sodium_init() < 0) {
            throw new IllegalStateException("sodium_init() failed");
        }
        return new SodiumEd25519("libsodium " + Lib.sodium_version_string());
    }

    private static NativeLibrary open() {
        UnsatisfiedLinkError first = null;
        for (String name : LIBRARY_NAMES) {
            try {
                return NativeLibrary.getInstance(name);
            } catch (UnsatisfiedLinkError e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SignatureProvider kind() {
        return SignatureProvider.NATIVE;
    }

    @Override
    public byte[] sign(byte[] seed, byte[] publicKey, byte[] message, int offset, int length) {
        Ed25519Provider.checkSignRanges(seed, publicKey, message, offset, length);
        // libsodium's secret key is the seed followed by the public key.
        byte[] secretKey = new byte[2 * KEY_LENGTH];
        System.arraycopy(seed, 0, secretKey, 0, KEY_LENGTH);
        System.arraycopy(publicKey, 0, secretKey, KEY_LENGTH, KEY_LENGTH);
        byte[] signature = new byte[SIGNATURE_LENGTH];
        try {
            if (Lib.crypto_sign_ed25519_detached(signature, null, range(message, offset, length),
                    length, secretKey) != 0) {
                throw new IllegalStateException("crypto_sign_ed25519_detached failed");
            }
        } finally {
            Arrays.fill(secretKey, (byte) 0);
        }
        return signature;
    }

    @Override
    public boolean verify(byte[] key, int keyOffset, byte[] signature, int sigOffset,
            byte[] message, int offset, int length) {
        Ed25519Provider.checkVerifyRanges(key, keyOffset, signature, sigOffset, message, offset,
                length);
        return Lib.crypto_sign_ed25519_verify_detached(
                range(signature, sigOffset, SIGNATURE_LENGTH), range(message, offset, length),
                length, range(key, keyOffset, KEY_LENGTH)) == 0;
    }

    /** The range as an array of its own, or the array itself when the range is all of it. */
    private static byte[] range(byte[] bytes, int offset, int length) {
        return offset == 0 && length == bytes.length
                ? bytes : Arrays.copyOfRange(bytes, offset, offset + length);
    }

    @Override
    public String toString() {
        return name;
    }
}
