package dev.ghostmesh.benchmarks;

import dev.ghostmesh.Identity;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.crypto.GroupKeys;
import dev.ghostmesh.internal.crypto.PrivateBox;
import java.util.Random;
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
 * End-to-end message crypto for a 100-byte message: {@link PrivateBox} seal (a fresh ephemeral
 * key and three X25519 operations counting its public key) and open (two X25519), and
 * {@link GroupKeys} seal and open (HKDF and ChaCha20-Poly1305 only; the Argon2id key is derived
 * once per group, see {@link GroupKeyDerivationBenchmark}).
 *
 * <p>Threading: JMH runs each benchmark on its own thread with its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MessageCryptoBenchmark {
    private Identity alice;
    private Identity bob;
    private byte[] bobPublic;
    private byte[] alicePublic;
    private byte[] context;
    private byte[] text;
    private PrivateBox.Sealed box;
    private byte[] groupKey;
    private byte[] messageId;
    private byte[] groupCiphertext;

    /** Two identities, a group key, and one sealed message of each kind to open. */
    @Setup
    public void setUp() throws CryptoException {
        Random random = new Random(11);
        alice = Identity.generate();
        bob = Identity.generate();
        alicePublic = alice.agreementPublicKey();
        bobPublic = bob.agreementPublicKey();
        context = new byte[48];
        random.nextBytes(context);
        text = new byte[100];
        random.nextBytes(text);
        box = PrivateBox.seal(alice, bobPublic, context, text);
        groupKey = new byte[GroupKeys.KEY_LENGTH];
        random.nextBytes(groupKey);
        messageId = new byte[16];
        random.nextBytes(messageId);
        groupCiphertext = GroupKeys.seal(groupKey, messageId, context, text);
    }

    /** Seal a private message to one recipient. */
    @Benchmark
    public PrivateBox.Sealed privateSeal() throws CryptoException {
        return PrivateBox.seal(alice, bobPublic, context, text);
    }

    /** Open a private message as its recipient. */
    @Benchmark
    public byte[] privateOpen() throws CryptoException {
        return PrivateBox.open(bob, alicePublic, box.ephemeralPublic(), context, box.ciphertext());
    }

    /** Seal a group message. */
    @Benchmark
    public byte[] groupSeal() {
        return GroupKeys.seal(groupKey, messageId, context, text);
    }

    /** Open a group message. */
    @Benchmark
    public byte[] groupOpen() throws CryptoException {
        return GroupKeys.open(groupKey, messageId, context, groupCiphertext);
    }
}
