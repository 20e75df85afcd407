package dev.ghostmesh.benchmarks.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import dev.ghostmesh.SecurityProfile;
import dev.ghostmesh.benchmarks.baseline.RawRelayBaseline;

/**
 * The end-to-end load tool: real nodes on TCP loopback in one JVM, a chain or a seeded random
 * mesh, broadcasts from one node or all, with a bounded window or at a fixed rate. Prints a
 * table row and a JSON line, and appends the JSON to {@code --out} if given.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ghostmesh.benchmarks.load.LoadTool \
 *     --nodes 10 --topology chain --messages 20000 --bytes 100 --window 256
 * java -cp ... LoadTool --nodes 10 --topology chain --messages 1000 --rate 100
 * java -cp ... LoadTool --nodes 20 --topology mesh --degree 4 --seed 7 --from all
 * java -cp ... LoadTool --nodes 10 --topology chain --messages 20000 --baseline true
 * java -cp ... LoadTool --nodes 10 --topology chain --messages 10000 --profile open
 * java -cp ... LoadTool --nodes 10 --topology chain --messages 20000 --payload-kind bytes
 * </pre>
 *
 * <p>{@code --profile open} runs the nodes in the open security profile (plaintext links,
 * unsigned packets); the default is {@code secure}. The row's system column names it.
 * {@code --parallel-verification false} keeps every signature check on its node's thread (the
 * default lets a busy node use the shared verifier pool).
 *
 * <p>{@code --payload-kind bytes} makes node 0 publish binary payloads of {@code --bytes} bytes
 * on a topic ({@code MeshNode.publish}) instead of broadcasting text, and the farthest node
 * subscribe to it: every node relays each message, the farthest alone delivers it, and the
 * row's system column says "topic bytes". It sends from one node only.
 *
 * <p>With {@code --baseline true} the same graph and load also run on the raw relay
 * ({@link RawRelayBaseline}: NIO relays forwarding length-prefixed frames, no decoding, no
 * crypto), and the ratios are printed: the limit of this machine against the mesh.
 *
 * <p>Threading: single-threaded driver; see {@link LoadRun}.
 */
public final class LoadTool {
    private LoadTool() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        // Built by the baseline's generator, so both systems run on exactly the same graph.
        RawRelayBaseline.Topology raw = rawTopology(a);
        LoadOptions options = options(a, raw);
        LoadResult r = new LoadRun(options).run();
        System.out.println(LoadResult.header());
        System.out.println(r.row());
        LoadResult base = null;
        if (Boolean.parseBoolean(a.getOrDefault("baseline", "false"))) {
            base = baseline(raw, options);
            System.out.println(base.row());
            System.out.println(Ratios.line(r, base));
        }
        System.out.println(r.json());
        if (base != null) {
            System.out.println(base.json());
        }
        if (a.containsKey("out")) {
            Files.writeString(Path.of(a.get("out")), r.json() + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        if (r.lost() > 0 || r.duplicates() > 0) {
            System.err.println("error: " + r.lost() + " lost, " + r.duplicates()
                    + " duplicates (both must be 0)");
            System.exit(1);
        }
    }

    /** The graph of {@code --nodes}, {@code --topology}, {@code --degree} and {@code --seed}. */
    static RawRelayBaseline.Topology rawTopology(Map<String, String> a) {
        int nodes = Integer.parseInt(a.getOrDefault("nodes", "10"));
        boolean mesh = a.getOrDefault("topology", "chain").equals("mesh");
        int degree = Integer.parseInt(a.getOrDefault("degree", "4"));
        long seed = Long.parseLong(a.getOrDefault("seed", "1"));
        return mesh ? RawRelayBaseline.Topology.mesh(nodes, degree, seed)
                : RawRelayBaseline.Topology.chain(nodes);
    }

    /** The run the options ask for, on {@code raw}'s graph. */
    static LoadOptions options(Map<String, String> a, RawRelayBaseline.Topology raw) {
        int messages = Integer.parseInt(a.getOrDefault("messages", "20000"));
        return new LoadOptions(Topology.of(raw), messages,
                Integer.parseInt(a.getOrDefault("bytes", "100")),
                Integer.parseInt(a.getOrDefault("window", "256")),
                Double.parseDouble(a.getOrDefault("rate", "0")),
                a.getOrDefault("from", "one").equals("all"),
                Integer.parseInt(a.getOrDefault("warmup", "" + Math.min(2000, messages / 5))),
                profile(a.getOrDefault("profile", "secure")),
                Boolean.parseBoolean(a.getOrDefault("parallel-verification", "true")),
                Duration.ofSeconds(Long.parseLong(a.getOrDefault("deadline", "300"))),
                LoadOptions.PayloadKind.of(a.getOrDefault("payload-kind", "text")),
                store(a.getOrDefault("store", "memory")));
    }

    /** {@code --store memory} (the library's default) or {@code sqlite} (the CLI's). */
    static boolean store(String name) {
        return switch (name) {
            case "memory" -> false;
            case "sqlite" -> true;
            default -> throw new IllegalArgumentException(
                    "--store must be memory or sqlite, not '" + name + "'");
        };
    }

    /** The raw relay on the same graph and load, as a result of the same shape. */
    private static LoadResult baseline(RawRelayBaseline.Topology t, LoadOptions o)
            throws Exception {
        RawRelayBaseline.Result b = RawRelayBaseline.run(t, o.messages(), o.bytes(), o.window(),
                o.rate());
        int hops = Math.max(1, t.hopsToFarthest());
        Runtime rt = Runtime.getRuntime();
        return new LoadResult("raw relay (baseline)", o.topology().toString(), o.messages(),
                o.bytes(), (o.rate() > 0 ? "rate " + (long) o.rate() + "/s" : "window "
                        + o.window()) + ", from one", b.tailMessagesPerSecond(),
                b.totalDeliveredPerSecond(), b.p50Nanos(), b.p99Nanos(), b.maxNanos(),
                b.p50Nanos() / hops, b.p99Nanos() / hops, b.lost(), b.duplicates(),
                b.wireBytesPerDelivered(), b.cpuSecondsPerDelivered(),
                rt.totalMemory() - rt.freeMemory(), LoadRun.rss(), 0);
    }

    /** {@code secure} (the default: encrypted links, signed packets) or {@code open}. */
    static SecurityProfile profile(String name) {
        return switch (name) {
            case "secure" -> SecurityProfile.SECURE;
            case "open" -> SecurityProfile.OPEN;
            default -> throw new IllegalArgumentException("--profile must be secure or open, not '"
                    + name + "'");
        };
    }

    /** {@code --name value} pairs, by name without the dashes. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: --name value ...; bad: " + args[i]);
            }
            out.put(args[i].substring(2), args[++i]);
        }
        return out;
    }
}
