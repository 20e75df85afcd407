package dev.ghostmesh.benchmarks.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

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
 * </pre>
 *
 * <p>Threading: single-threaded driver; see {@link LoadRun}.
 */
public final class LoadTool {
    private LoadTool() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        int nodes = Integer.parseInt(a.getOrDefault("nodes", "10"));
        Topology topology = a.getOrDefault("topology", "chain").equals("mesh")
                ? Topology.mesh(nodes, Integer.parseInt(a.getOrDefault("degree", "4")),
                        Long.parseLong(a.getOrDefault("seed", "1")))
                : Topology.chain(nodes);
        int messages = Integer.parseInt(a.getOrDefault("messages", "20000"));
        String profile = a.getOrDefault("profile", "secure");
        if (!profile.equals("secure")) {
            throw new IllegalArgumentException("profile '" + profile + "' is not built yet;"
                    + " only 'secure' (the default) exists");
        }
        LoadOptions options = new LoadOptions(topology, messages,
                Integer.parseInt(a.getOrDefault("bytes", "100")),
                Integer.parseInt(a.getOrDefault("window", "256")),
                Double.parseDouble(a.getOrDefault("rate", "0")),
                a.getOrDefault("from", "one").equals("all"),
                Integer.parseInt(a.getOrDefault("warmup", "" + Math.min(2000, messages / 5))),
                profile, Duration.ofSeconds(Long.parseLong(a.getOrDefault("deadline", "300"))));
        LoadResult r = new LoadRun(options).run();
        System.out.println(LoadResult.header());
        System.out.println(r.row());
        System.out.println(r.json());
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

    private static Map<String, String> parse(String[] args) {
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
