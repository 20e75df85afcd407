package dev.ghostmesh.benchmarks.load;

import java.util.Locale;

/**
 * What one load run measured. Rates are messages per second; latencies nanoseconds.
 *
 * <p>Threading: immutable.
 *
 * @param tailRate messages per second delivered at the farthest node (from-one), or per node
 *     on average (from-all)
 * @param totalRate deliveries per second summed over every node
 * @param perHopP50 the median of latency divided by hops
 * @param lost messages some node never delivered (must be 0)
 * @param duplicates deliveries of a message a node had already delivered (must be 0)
 * @param wireBytesPerDelivery bytes on all links (frames and length prefixes) per delivery
 * @param cpuSecondsPerDelivery process CPU time per delivery
 */
public record LoadResult(String system, String topology, int messages, int bytes, String mode,
        double tailRate, double totalRate, long p50, long p99, long max, long perHopP50,
        long perHopP99, long lost, long duplicates, double wireBytesPerDelivery,
        double cpuSecondsPerDelivery, long heapUsedBytes, long rssBytes, double seconds) {

    /** One JSON object on one line. */
    public String json() {
        return String.format(Locale.ROOT, "{\"system\":\"%s\",\"topology\":\"%s\",\"messages\":%d,"
                + "\"bytes\":%d,\"mode\":\"%s\",\"tail_messages_per_s\":%.1f,"
                + "\"total_deliveries_per_s\":%.1f,\"latency_p50_us\":%.1f,\"latency_p99_us\":%.1f,"
                + "\"latency_max_us\":%.1f,\"per_hop_p50_us\":%.1f,\"per_hop_p99_us\":%.1f,"
                + "\"lost\":%d,\"duplicates\":%d,\"wire_bytes_per_delivery\":%.1f,"
                + "\"cpu_us_per_delivery\":%.2f,\"heap_used_mb\":%.1f,\"rss_mb\":%.1f,"
                + "\"seconds\":%.2f}",
                system, topology, messages, bytes, mode, tailRate, totalRate, p50 / 1e3,
                p99 / 1e3, max / 1e3, perHopP50 / 1e3, perHopP99 / 1e3, lost, duplicates,
                wireBytesPerDelivery, cpuSecondsPerDelivery * 1e6, heapUsedBytes / 1048576.0,
                rssBytes / 1048576.0, seconds);
    }

    /** A table row: the figures a reader compares. */
    public String row() {
        return String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %,.0f | %.2f / %.2f / %.2f ms"
                + " | %.3f / %.3f ms | %d | %d | %.0f | %.1f µs | %.0f / %.0f MB |",
                system, topology, mode, tailRate, totalRate, p50 / 1e6, p99 / 1e6, max / 1e6,
                perHopP50 / 1e6, perHopP99 / 1e6, lost, duplicates, wireBytesPerDelivery,
                cpuSecondsPerDelivery * 1e6, heapUsedBytes / 1048576.0, rssBytes / 1048576.0);
    }

    /** The header for {@link #row()}. */
    public static String header() {
        return "| system | topology | mode | tail msg/s | deliveries/s | latency p50 / p99 / max"
                + " | per hop p50 / p99 | lost | dup | wire B/delivery | CPU/delivery"
                + " | heap / RSS |\n|---|---|---|---|---|---|---|---|---|---|---|---|";
    }
}
