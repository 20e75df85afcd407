package dev.ghostmesh;

/**
 * Which Ed25519 implementation a node signs and verifies with, set with
 * {@link MeshNode.Builder#signatures}. Ed25519 is deterministic, so every choice produces the
 * same signatures and accepts the same ones: only speed differs, and whether native code runs
 * in the process. Verifying is most of what a busy node of the
 * {@linkplain SecurityProfile#SECURE secure profile} does with its CPU; libsodium verifies about
 * 2.5 times as fast as the pure-Java code (benchmarks/RESULTS.md).
 *
 * <p>The native choice needs the JNA library ({@code net.java.dev.jna:jna}, an optional
 * dependency of ghost-core that ghost-cli brings) on the class path and libsodium installed on
 * the system (Debian and Ubuntu: {@code apt-get install libsodium23}). It is loaded once per
 * process, on first use, and only kept if it reproduces a signature of RFC 8032 and rejects
 * that signature on an altered message; {@link NodeStatus#signatureProvider()} says which
 * implementation a node runs.
 *
 * <p>Threading: an immutable enum, safe to use from any thread.
 */
public enum SignatureProvider {
    /** The default: libsodium when it loads and passes its self-test, else BouncyCastle. */
    AUTO,
    /** BouncyCastle's pure-Java Ed25519 only: no native code is loaded. */
    BOUNCY_CASTLE,
    /**
     * libsodium, required: {@link MeshNode.Builder#build()} throws
     * {@link IllegalStateException} (saying why) if it cannot be loaded or fails its self-test.
     */
    NATIVE
}
