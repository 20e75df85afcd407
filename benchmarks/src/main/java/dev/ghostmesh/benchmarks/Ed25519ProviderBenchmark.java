package dev.ghostmesh.benchmarks;

import dev.ghostmesh.Identity;
import dev.ghostmesh.internal.crypto.Signatures;
import dev.ghostmesh.internal.identity.ApiInternals;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
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
 * Why the node verifies with BouncyCastle: one Ed25519 verification of a 150-byte message by
 * the BouncyCastle routine {@link Identity#verify} uses, against the JDK's own {@code Ed25519}
 * {@link Signature}. Verification bounds the secure mesh's throughput (benchmarks/RESULTS.md).
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
    private final byte[] message = new byte[150];
    private Identity identity;
    private byte[] bcSignature;
    private KeyPair jdkKeys;
    private byte[] jdkSignature;
    private Signature jdkVerifier;

    /** Keys and signatures for both providers. */
    @Setup
    public void setUp() throws GeneralSecurityException {
        identity = Identity.generate();
        bcSignature = ApiInternals.sign(identity, message, 0, message.length);
        jdkKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(jdkKeys.getPrivate());
        signer.update(message);
        jdkSignature = signer.sign();
        jdkVerifier = Signature.getInstance("Ed25519");
    }

    /** BouncyCastle, as every node runs it per new packet. */
    @Benchmark
    public boolean bouncyCastleVerify() {
        return Signatures.verify(identity.publicKey(), bcSignature, message, 0, message.length);
    }

    /** The JDK's SunEC provider. */
    @Benchmark
    public boolean jdkVerify() throws GeneralSecurityException {
        jdkVerifier.initVerify(jdkKeys.getPublic());
        jdkVerifier.update(message);
        return jdkVerifier.verify(jdkSignature);
    }
}
