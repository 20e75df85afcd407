package dev.ghostmesh.benchmarks;

import dev.ghostmesh.Identity;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.crypto.LinkCipher;
import dev.ghostmesh.internal.crypto.NoiseHandshake;
import dev.ghostmesh.internal.identity.ApiInternals;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Link security costs on one thread:
 * <ul>
 *   <li>{@code handshake}: a whole {@code Noise_XX_25519_ChaChaPoly_SHA256} handshake, both
 *       sides in memory, fresh ephemeral keys, 96-byte identity payloads in messages 2 and 3
 *       (an Ed25519 key and signature), and the split: what one new link costs the two nodes
 *       together;
 *   <li>{@code encrypt} / {@code decrypt}: one transport frame of {@code frameSize} bytes.
 *       Frames must be decrypted in the order they were encrypted, so {@code decrypt} works
 *       through batches the sender encrypted outside the timed region; its score is per frame.
 * </ul>
 *
 * <p>Threading: JMH runs each benchmark on its own thread with its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NoiseBenchmark {
    private static final byte[] PROLOGUE = "ghost-terminal".getBytes(StandardCharsets.US_ASCII);
    private static final int BATCH = 512;

    private byte[] dialerKey;
    private byte[] acceptorKey;
    private byte[] identityProof;

    /** Two identities' X25519 keys and a proof-sized payload. */
    @Setup
    public void setUp() {
        dialerKey = ApiInternals.agreementPrivateKey(Identity.generate());
        acceptorKey = ApiInternals.agreementPrivateKey(Identity.generate());
        identityProof = new byte[96];
        new Random(3).nextBytes(identityProof);
    }

    /** Both ends of one established link. */
    @State(Scope.Thread)
    public static class Link {
        @Param({"100", "1400"})
        public int frameSize;
        LinkCipher sender;
        LinkCipher receiver;
        byte[] frame;

        /** Runs one handshake and makes a frame of {@code frameSize} bytes. */
        @Setup
        public void setUp() throws CryptoException {
            LinkCipher[] pair = handshake(ApiInternals.agreementPrivateKey(Identity.generate()),
                    ApiInternals.agreementPrivateKey(Identity.generate()), new byte[0]);
            sender = pair[0];
            receiver = pair[1];
            frame = new byte[frameSize];
            new Random(5).nextBytes(frame);
        }
    }

    /** A link whose receiver gets the next {@value #BATCH} frames before every invocation. */
    @State(Scope.Thread)
    public static class Inbound extends Link {
        final byte[][] frames = new byte[BATCH][];

        /** Encrypts the next batch, untimed, continuing the sender's nonce sequence. */
        @Setup(Level.Invocation)
        public void nextBatch() {
            for (int i = 0; i < BATCH; i++) {
                frames[i] = sender.encrypt(frame);
            }
        }
    }

    /** A full XX handshake, both sides, through the split. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public LinkCipher[] handshake() throws CryptoException {
        return handshake(dialerKey, acceptorKey, identityProof);
    }

    /** Encrypt one frame. */
    @Benchmark
    public byte[] encrypt(Link link) {
        return link.sender.encrypt(link.frame);
    }

    /** Decrypt one frame (scored per frame over a batch). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void decrypt(Inbound inbound, Blackhole blackhole) throws CryptoException {
        for (byte[] f : inbound.frames) {
            blackhole.consume(inbound.receiver.decrypt(f));
        }
    }

    static LinkCipher[] handshake(byte[] dialerKey, byte[] acceptorKey, byte[] proof)
            throws CryptoException {
        NoiseHandshake dialer = NoiseHandshake.initiator(PROLOGUE, dialerKey);
        NoiseHandshake acceptor = NoiseHandshake.responder(PROLOGUE, acceptorKey);
        acceptor.read(dialer.write(new byte[0]));
        dialer.read(acceptor.write(proof));
        acceptor.read(dialer.write(proof));
        return new LinkCipher[] {dialer.split(), acceptor.split()};
    }
}
