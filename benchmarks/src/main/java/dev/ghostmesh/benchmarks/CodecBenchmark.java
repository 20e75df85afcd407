package dev.ghostmesh.benchmarks;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.identity.ApiInternals;
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
 * Codec cost of one 100-byte chat packet. {@code encodeSigned} includes the Ed25519 signature
 * (every packet a node originates is signed); {@code sign} and {@code verify} isolate the crypto
 * so the codec's own share can be read off.
 *
 * <p>Threading: JMH runs each benchmark on its own thread with its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    private Identity identity;
    private byte[] body;
    private byte[] frame;
    private Packet packet;
    private Random random;

    /** Builds one signed frame to decode and verify. */
    @Setup
    public void setUp() throws PacketDecodeException {
        identity = Identity.generate();
        body = Bodies.broadcast(Frames.TEXT_100);
        frame = Frames.broadcasts(identity, 1, 1)[0];
        packet = PacketCodec.decode(frame);
        random = new Random(2);
    }

    /** Encode and sign a 100-byte broadcast (what a node does per message it sends). */
    @Benchmark
    public byte[] encodeSigned() {
        return PacketCodec.encode(identity, PacketType.BROADCAST, MessageId.random(random), 16,
                Frames.TIMESTAMP, 1, body);
    }

    /** Decode the envelope (bounded, schema-driven): what every relay does per packet. */
    @Benchmark
    public Packet decodeEnvelope() throws PacketDecodeException {
        return PacketCodec.decode(frame);
    }

    /** Decode envelope and broadcast body: what a node does per packet it shows. */
    @Benchmark
    public Bodies.Broadcast decodeEnvelopeAndBody() throws PacketDecodeException {
        return Bodies.decodeBroadcast(PacketCodec.decode(frame));
    }

    /** The relay's copy with TTL-1. */
    @Benchmark
    public byte[] relayCopy() {
        return packet.withTtl(15);
    }

    /** Ed25519 signature over the signed part of a 100-byte packet. */
    @Benchmark
    public byte[] sign() {
        return ApiInternals.sign(identity, frame, packet.signedOffset(), packet.signedLength());
    }

    /** Ed25519 verification plus the id-to-key hash check, as a router does per new packet. */
    @Benchmark
    public boolean verify() {
        return packet.verify();
    }
}
