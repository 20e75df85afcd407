package dev.ghostmesh.benchmarks.footprint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node holding many concurrent links over real TCP loopback: starts a {@link LinkTarget}
 * in its own JVM, opens {@code --links} authenticated links to it from a {@link Swarm} of
 * lightweight peers (each announces itself, as a node does), checks that the node counts every
 * one as a peer, sends a broadcast from one peer and checks it reaches all the others through
 * the node, then idles. Prints the node's live heap after a full GC, committed heap, resident
 * set, CPU time and threads at each stage.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ghostmesh.benchmarks.footprint.LinkFootprint \
 *     [--links 1000] [--per-source 10] [--dialers 4] [--idle 10] [--target-flags "-Xmx256m"] \
 *     [--no-announce]
 * </pre>
 *
 * Linux only (source addresses 127.0.x.y); needs a file limit above the link count in both
 * processes ({@code ulimit -n}). {@code --per-source} links come from each source address,
 * within the node's per-host budget of new links (burst 20). {@code --no-announce} keeps the
 * peers silent, to tell the cost of links and handshakes from that of relaying every peer's
 * announce to every other (about n² frames).
 *
 * <p>Threading: the main thread drives; the swarm has its own thread.
 */
public final class LinkFootprint {
    private LinkFootprint() {}

    public static void main(String[] args) throws Exception {
        int links = 1_000;
        int perSource = 10;
        int dialers = 4;
        int idleSeconds = 10;
        String targetFlags = "";
        boolean announce = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--links" -> links = Integer.parseInt(args[++i]);
                case "--per-source" -> perSource = Integer.parseInt(args[++i]);
                case "--dialers" -> dialers = Integer.parseInt(args[++i]);
                case "--idle" -> idleSeconds = Integer.parseInt(args[++i]);
                case "--target-flags" -> targetFlags = args[++i];
                case "--no-announce" -> announce = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!targetFlags.isBlank()) {
            cmd.addAll(Arrays.asList(targetFlags.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                LinkTarget.class.getName(), Integer.toString(links + 100)));
        Process target = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (Target t = new Target(target); Swarm swarm = new Swarm(announce)) {
            String hello = t.next();
            int port = (int) field(hello, "port");
            String atStart = t.ask("stats");
            long started = System.nanoTime();
            swarm.dial(new InetSocketAddress("127.0.0.1", port), links, perSource, dialers);
            double dialSeconds = (System.nanoTime() - started) / 1e9;
            String count = t.awaitField("peers", links, 30);
            double peersSeconds = (System.nanoTime() - started) / 1e9;
            if (announce) {
                t.awaitField("nodes", links, 60);
            }
            double settledSeconds = (System.nanoTime() - started) / 1e9;
            String established = t.ask("stats");
            long broadcastNanos = swarm.broadcast(0, "hello, everyone").get(30, TimeUnit.SECONDS);
            t.awaitField("delivered", 1, 10);
            String beforeIdle = t.ask("count");
            Thread.sleep(idleSeconds * 1000L); // the idle period is the measurement itself
            String idle = t.ask("stats");
            if (swarm.linksLost() != 0 || swarm.errors() != 0) {
                throw new IllegalStateException(swarm.linksLost() + " links lost, "
                        + swarm.errors() + " bad frames");
            }
            long peers = field(count, "peers");
            double idleCpuPercent = (field(idle, "cpuMillis") - field(beforeIdle, "cpuMillis"))
                    / (idleSeconds * 10.0);
            System.out.println(new JsonLine().put("tool", "LinkFootprint").put("links", links)
                    .put("announce", announce).put("targetFlags", targetFlags).put("peers", peers)
                    .put("knownNodes", field(established, "nodes"))
                    .put("broadcastReceivers", links - 1)
                    .put("dialSeconds", dialSeconds).put("allPeersSeconds", peersSeconds)
                    .put("announcesSettledSeconds", settledSeconds)
                    .put("broadcastMillis", broadcastNanos / 1e6)
                    .put("cpuMillisToEstablish", field(established, "cpuMillis")
                            - field(atStart, "cpuMillis"))
                    .put("idleCpuPercent", idleCpuPercent)
                    .put("framesReceivedBySwarm", swarm.framesIn())
                    .put("atStart", atStart).put("established", established).put("idle", idle));
            System.out.printf("%d links: all peers in %.1f s (handshakes %.1f s, announces"
                    + " settled %.1f s, node CPU %d ms); broadcast reached %d peers in %.0f ms;"
                    + " node live heap %.1f MiB (at start %.1f), RSS %.0f MiB, %d threads;"
                    + " idle CPU %.1f%%%n", peers, peersSeconds, dialSeconds, settledSeconds,
                    field(established, "cpuMillis") - field(atStart, "cpuMillis"), links - 1,
                    broadcastNanos / 1e6, decimal(idle, "liveHeapMiB"),
                    decimal(atStart, "liveHeapMiB"), decimal(idle, "rssMiB"),
                    field(idle, "threads"), idleCpuPercent);
        } finally {
            target.destroyForcibly();
        }
    }

    static long field(String json, String name) {
        return Math.round(decimal(json, name));
    }

    static double decimal(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(-?[0-9.]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return Double.parseDouble(m.group(1));
    }

    /** The target process's command line: one JSON line per command. */
    private static final class Target implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final PrintWriter in;

        Target(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        String next() throws IOException {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("{")) {
                    return line;
                }
            }
            throw new IOException("the target process exited");
        }

        String ask(String command) throws IOException {
            in.println(command);
            return next();
        }

        /** Polls {@code count} until {@code name} reaches {@code value}. */
        String awaitField(String name, long value, int seconds)
                throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (true) {
                String count = ask("count");
                if (field(count, name) >= value) {
                    return count;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " stayed below " + value + ": "
                            + count);
                }
                Thread.sleep(20);
            }
        }

        @Override
        public void close() {
            in.println("quit");
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                // Closing must not swallow the interrupt: the caller's loop sees it next.
                Thread.currentThread().interrupt();
            }
        }
    }
}
