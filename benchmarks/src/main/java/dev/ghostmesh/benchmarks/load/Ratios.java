package dev.ghostmesh.benchmarks.load;

import java.util.Locale;

/**
 * The mesh's figures as ratios to the raw relay's on the same graph and load.
 *
 * <p>Threading: stateless.
 */
final class Ratios {
    private Ratios() {}

    static String line(LoadResult mesh, LoadResult raw) {
        return String.format(Locale.ROOT, "ratio to the raw relay: tail rate %.4f×, per-hop p50"
                + " %.1f×, per-hop p99 %.1f×, wire bytes %.2f×, CPU per delivery %.0f×",
                mesh.tailRate() / raw.tailRate(), mesh.perHopP50() / (double) raw.perHopP50(),
                mesh.perHopP99() / (double) raw.perHopP99(),
                mesh.wireBytesPerDelivery() / raw.wireBytesPerDelivery(),
                mesh.cpuSecondsPerDelivery() / raw.cpuSecondsPerDelivery());
    }
}
