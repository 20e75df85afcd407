package dev.ghostmesh.benchmarks.baseline;

import dev.ghostmesh.benchmarks.baseline.RawRelayBaseline.Result;
import dev.ghostmesh.benchmarks.baseline.RawRelayBaseline.Threading;
import dev.ghostmesh.benchmarks.baseline.RawRelayBaseline.Topology;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The command line of {@link RawRelayBaseline}: {@code --name value} options, one run, a
 * one-line summary and a JSON object on standard output; exit status 2 on bad arguments.
 *
 * <p>Threading: main thread only.
 */
final class BaselineCli {
    private static final String USAGE = "usage: RawRelayBaseline [--nodes N] [--topology chain|mesh]"
            + " [--degree D] [--seed S] [--messages M] [--bytes B] [--window W] [--rate R]"
            + " [--threads shared|per-relay]";

    private BaselineCli() {}

    static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of(
                "nodes", "10", "topology", "chain", "degree", "3", "seed", "1",
                "messages", "200000", "bytes", "100", "window", "256", "rate", "0",
                "threads", "shared"));
        Topology topology;
        int messages;
        int bytes;
        int window;
        double rate;
        Threading threading;
        try {
            for (int i = 0; i < args.length; i += 2) {
                String name = args[i].startsWith("--") ? args[i].substring(2) : "";
                if (!options.containsKey(name) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown or incomplete option " + args[i]);
                }
                options.put(name, args[i + 1]);
            }
            topology = new Topology(Integer.parseInt(options.get("nodes")),
                    options.get("topology"), Integer.parseInt(options.get("degree")),
                    Long.parseLong(options.get("seed")));
            messages = Integer.parseInt(options.get("messages"));
            bytes = Integer.parseInt(options.get("bytes"));
            window = Integer.parseInt(options.get("window"));
            rate = Double.parseDouble(options.get("rate"));
            threading = switch (options.get("threads")) {
                case "shared" -> Threading.SHARED_SELECTOR;
                case "per-relay" -> Threading.SELECTOR_PER_RELAY;
                default -> throw new IllegalArgumentException("--threads shared|per-relay");
            };
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Result r = RawRelayBaseline.run(topology, messages, bytes, window, rate, threading);
        int hops = topology.hopsToFarthest();
        System.out.printf(Locale.ROOT, "raw relay, %s of %d (farthest %d at %d hops), %d x %d B, %s,"
                + " %s: %.0f msg/s at the farthest, %.0f deliveries/s; latency p50 %.1f us"
                + " (%.1f us/hop) p99 %.1f us (%.1f us/hop) max %.1f us; lost %d, duplicates %d;"
                + " %.1f wire B and %.2f CPU us per delivery%n",
                topology.kind(), topology.nodes(), topology.farthestNode(), hops, messages, bytes,
                rate > 0 ? "rate " + options.get("rate") + "/s" : "window " + window,
                options.get("threads"), r.tailMessagesPerSecond(), r.totalDeliveredPerSecond(),
                r.p50Nanos() / 1e3, r.p50Nanos() / 1e3 / hops, r.p99Nanos() / 1e3,
                r.p99Nanos() / 1e3 / hops, r.maxNanos() / 1e3, r.lost(), r.duplicates(),
                r.wireBytesPerDelivered(), r.cpuSecondsPerDelivered() * 1e6);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("baseline", "raw-relay");
        json.put("topology", topology.kind());
        json.put("nodes", topology.nodes());
        json.put("degree", topology.degree());
        json.put("seed", topology.seed());
        json.put("farthestNode", topology.farthestNode());
        json.put("hops", hops);
        json.put("messages", messages);
        json.put("bytes", bytes);
        json.put("window", window);
        json.put("ratePerSecond", rate);
        json.put("threads", options.get("threads"));
        json.put("tailMessagesPerSecond", r.tailMessagesPerSecond());
        json.put("totalDeliveredPerSecond", r.totalDeliveredPerSecond());
        json.put("p50Nanos", r.p50Nanos());
        json.put("p99Nanos", r.p99Nanos());
        json.put("maxNanos", r.maxNanos());
        json.put("lost", r.lost());
        json.put("duplicates", r.duplicates());
        json.put("wireBytesPerDelivered", r.wireBytesPerDelivered());
        json.put("cpuSecondsPerDelivered", r.cpuSecondsPerDelivered());
        System.out.println(toJson(json));
    }

    private static String toJson(Map<String, Object> fields) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(field.getKey()).append("\":");
            Object value = field.getValue();
            if (value instanceof String text) {
                out.append('"').append(text).append('"'); // only our own option names: no escaping
            } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
                out.append("null");
            } else if (value instanceof Double d) {
                out.append(String.format(Locale.ROOT, "%.6g", d));
            } else {
                out.append(value);
            }
        }
        return out.append('}').toString();
    }
}
