package dev.ghostmesh.benchmarks;

import dev.ghostmesh.internal.crypto.GroupKeys;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Argon2id group-key derivation with {@link GroupKeys.KdfParams#DEFAULT} (64 MiB, 3 passes,
 * 1 lane): what creating or joining a password-protected group costs, once. Single-shot, since
 * each call takes a sizeable fraction of a second.
 *
 * <p>Threading: JMH runs each benchmark on its own thread with its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class GroupKeyDerivationBenchmark {
    /** Derive one group key. */
    @Benchmark
    public byte[] deriveKeyDefault() {
        return GroupKeys.deriveKey("correct horse battery staple", "ops-room",
                GroupKeys.KdfParams.DEFAULT);
    }
}
