package dev.ghostmesh.benchmarks;

import dev.ghostmesh.Identity;
import dev.ghostmesh.internal.crypto.Ed25519Provider;
import dev.ghostmesh.internal.crypto.Ed25519Providers;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Ed25519 signature and one verification of a 150-byte message (about a chat packet's
 * signed part) by each implementation a node can run ({@code SignatureProvider}): BouncyCastle
 * and the system's libsodium through JNA, as the node calls them (a range of a larger array,
 * copied for JNA). The JDK's own {@code Ed25519} {@link Signature} is there for comparison.
 * Verification bounds the secure mesh's throughput (benchmarks/RESULTS.md). The libsodium
 * methods fail if libsodium did not load.
 *
 * <p>Threading: JMH state, one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Ed25519ProviderBenchmark {
    /** The message at offset 1 of a larger array, as a packet's signed part sits in a frame. */
    private final byte[] frame = new byte[1 + 150 + 67];
    private final byte[] seed = new byte[32];
    private byte[] publicKey;
    private byte[] signature;
    private Ed25519Provider bouncyCastle;
    private Ed25519Provider libsodium;
    private KeyPair jdkKeys;
    private byte[] jdkSignature;
    private Signature jdkVerifier;

    /** Keys and signatures for every implementation. */
    @Setup
    public void setUp() throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        random.nextBytes(seed);
        random.nextBytes(frame);
        publicKey = Identity.fromSeed(seed).publicKey();
        bouncyCastle = Ed25519Providers.bouncyCastle();
        libsodium = Ed25519Providers.nativeProvider().orElse(null);
        signature = bouncyCastle.sign(seed, publicKey, frame, 1, 150);
        jdkKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(jdkKeys.getPrivate());
        signer.update(frame, 1, 150);
        jdkSignature = signer.sign();
        jdkVerifier = Signature.getInstance("Ed25519");
    }

    /** BouncyCastle verifies, as a node without libsodium does per new packet. */
    @Benchmark
    public boolean bouncyCastleVerify() {
        return bouncyCastle.verify(publicKey, 0, signature, 0, frame, 1, 150);
    }

    /** BouncyCastle signs, as a node without libsodium does per packet it originates. */
    @Benchmark
    public byte[] bouncyCastleSign() {
        return bouncyCastle.sign(seed, publicKey, frame, 1, 150);
    }

    /** libsodium verifies. */
    @Benchmark
    public boolean libsodiumVerify() {
        return nativeProvider().verify(publicKey, 0, signature, 0, frame, 1, 150);
    }

    /** libsodium signs. */
    @Benchmark
    public byte[] libsodiumSign() {
        return nativeProvider().sign(seed, publicKey, frame, 1, 150);
    }

    /** The JDK's SunEC provider verifies. */
    @Benchmark
    public boolean jdkVerify() throws GeneralSecurityException {
        jdkVerifier.initVerify(jdkKeys.getPublic());
        jdkVerifier.update(frame, 1, 150);
        return jdkVerifier.verify(jdkSignature);
    }

    private Ed25519Provider nativeProvider() {
        if (libsodium == null) {
            throw new IllegalStateException("libsodium did not load: "
                    + Ed25519Providers.nativeUnavailableReason());
        }
        return libsodium;
    }
}
