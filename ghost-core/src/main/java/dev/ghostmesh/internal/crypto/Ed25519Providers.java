package dev.ghostmesh.internal.crypto;

import dev.ghostmesh.SignatureProvider;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where {@link Ed25519Provider}s come from. BouncyCastle is always there; libsodium is loaded
 * on first need, once per process, and kept only if it passes a self-test: it must reproduce a
 * signature of RFC 8032 (section 7.1, TEST 3) byte for byte, accept it, and reject it for a
 * message with one bit flipped. A library that cannot do that is not used, whatever the
 * reason (a wrong build, a broken binding), so a node never runs on a wrong implementation.
 *
 * <p>The outcome of loading is the only process-wide state: immutable, computed once by the
 * JVM's lazy class initialisation ({@code NativeHolder}), never changed.
 *
 * <p>Threading: thread-safe.
 */
public final class Ed25519Providers {
    private static final HexFormat HEX = HexFormat.of();
    // RFC 8032, section 7.1, TEST 3.
    private static final byte[] TEST_SEED =
            HEX.parseHex("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7");
    private static final byte[] TEST_PUBLIC =
            HEX.parseHex("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025");
    private static final byte[] TEST_MESSAGE = HEX.parseHex("af82");
    private static final byte[] TEST_SIGNATURE = HEX.parseHex(
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
            + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a");

    private Ed25519Providers() {}

    /** BouncyCastle's pure-Java Ed25519. */
    public static Ed25519Provider bouncyCastle() {
        return BouncyCastleEd25519.INSTANCE;
    }

    /** libsodium if it loaded and passed the self-test (loading it on first call), else empty. */
    public static Optional<Ed25519Provider> nativeProvider() {
        return Optional.ofNullable(NativeHolder.PROVIDER);
    }

    /** Why {@link #nativeProvider()} is empty, or null if it is not. */
    public static String nativeUnavailableReason() {
        return NativeHolder.REASON;
    }

    /** What {@link SignatureProvider#AUTO} picks: libsodium if it works, else BouncyCastle. */
    public static Ed25519Provider automatic() {
        Ed25519Provider p = NativeHolder.PROVIDER;
        return p != null ? p : BouncyCastleEd25519.INSTANCE;
    }

    /**
     * The provider for a public choice.
     *
     * @throws IllegalStateException for {@link SignatureProvider#NATIVE} when libsodium is not
     *     available, with the reason
     */
    public static Ed25519Provider resolve(SignatureProvider choice) {
        return switch (choice) {
            case AUTO -> automatic();
            case BOUNCY_CASTLE -> BouncyCastleEd25519.INSTANCE;
            case NATIVE -> nativeProvider().orElseThrow(() -> new IllegalStateException(
                    "native Ed25519 (libsodium) is not available: " + NativeHolder.REASON));
        };
    }

    /** Null if {@code p} passes the RFC 8032 self-test, else what it got wrong. */
    static String selfTestFailure(Ed25519Provider p) {
        byte[] sig = p.sign(TEST_SEED, TEST_PUBLIC, TEST_MESSAGE, 0, TEST_MESSAGE.length);
        if (!Arrays.equals(sig, TEST_SIGNATURE)) {
            return "it signed the RFC 8032 test vector wrongly";
        }
        if (!p.verify(TEST_PUBLIC, 0, TEST_SIGNATURE, 0, TEST_MESSAGE, 0, TEST_MESSAGE.length)) {
            return "it rejected the RFC 8032 test signature";
        }
        byte[] altered = TEST_MESSAGE.clone();
        altered[0] ^= 1;
        if (p.verify(TEST_PUBLIC, 0, TEST_SIGNATURE, 0, altered, 0, altered.length)) {
            return "it accepted the RFC 8032 test signature on an altered message";
        }
        return null;
    }

    /** The outcome of loading libsodium: initialised on first use, then immutable. */
    private static final class NativeHolder {
        static final Ed25519Provider PROVIDER;
        static final String REASON;

        static {
            Ed25519Provider provider = null;
            String reason;
            try {
                reason = jnaMissing();
                if (reason == null) {
                    Ed25519Provider loaded = SodiumEd25519.load();
                    String failure = selfTestFailure(loaded);
                    if (failure == null) {
                        provider = loaded;
                    }
                    reason = failure == null ? null : loaded.name() + " failed its self-test: "
                            + failure;
                }
            } catch (LinkageError | RuntimeException e) {
                // No libsodium, no JNA dispatch library for this platform, a symbol missing:
                // all mean "use BouncyCastle", and the reason is kept for whoever asks.
                reason = e.toString();
            }
            PROVIDER = provider;
            REASON = reason;
        }

        private static String jnaMissing() {
            try {
                Class.forName("com.sun.jna.Native", false, Ed25519Providers.class.getClassLoader());
                return null;
            } catch (ClassNotFoundException e) {
                return "JNA (net.java.dev.jna:jna) is not on the class path";
            }
        }
    }
}
