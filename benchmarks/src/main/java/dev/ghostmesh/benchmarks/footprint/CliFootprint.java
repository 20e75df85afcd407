package dev.ghostmesh.benchmarks.footprint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Start time and idle memory of the CLI as a real process: starts {@code ghost-terminal} with
 * the JVM flags of the launcher script (or others), times process start to the banner's last
 * line ({@code * Type /help for commands}), lets the node idle, then reads its resident set
 * size from {@code /proc}. One unmeasured run first creates the node's home (key generation)
 * and warms the file cache; the measured runs reuse that home, as a user's every start does.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ghostmesh.benchmarks.footprint.CliFootprint \
 *     [--runs 5] [--idle 10] [--appcds] [--pty] [--flags "-Xmx64m ..."] [--extra "-Xss512k"]
 * </pre>
 *
 * Run from the repository root after {@code mvn -B -o -q -pl ghost-cli -am package
 * -DskipTests}. {@code --flags} replaces the launcher's flags, {@code --extra} adds to them;
 * {@code --appcds} first records an application class-data archive (JDK 17:
 * {@code -XX:ArchiveClassesAtExit}) and then starts with it. The CLI runs with
 * {@code --no-discovery --port 0} and stdin a pipe held open (so its plain console), or with
 * {@code --pty} on a terminal from {@code script(1)} (its JLine console, as a user sees it).
 *
 * <p>Threading: the main thread drives; one thread per run reads the CLI's output.
 */
public final class CliFootprint {
    private static final String READY_LINE = "Type /help for commands";

    private CliFootprint() {}

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        List<String> flags = new ArrayList<>(o.flags != null ? split(o.flags)
                : LauncherFlags.read(Path.of(o.launcher)));
        flags.addAll(split(o.extra));
        Path home = Files.createTempDirectory("ghost-footprint-home");
        Path archiveDir = Files.createTempDirectory("ghost-footprint-cds");
        try {
            Path archive = archiveDir.resolve("cli.jsa");
            List<String> warmFlags = new ArrayList<>(flags);
            if (o.appcds) {
                warmFlags.add("-XX:ArchiveClassesAtExit=" + archive);
            }
            run(o, warmFlags, home, 0); // creates the home (and the archive): not measured
            if (o.appcds) {
                if (!Files.isRegularFile(archive)) {
                    throw new IllegalStateException("the CLI wrote no class-data archive");
                }
                flags.add("-XX:SharedArchiveFile=" + archive);
            }
            List<Run> runs = new ArrayList<>();
            for (int i = 0; i < o.runs; i++) {
                runs.add(run(o, flags, home, o.idleSeconds));
            }
            report(flags, o, runs);
        } finally {
            deleteTree(home);
            deleteTree(archiveDir);
        }
    }

    /** One start of the CLI: ready time, then RSS after idling. */
    private static Run run(Options o, List<String> flags, Path home, int idleSeconds)
            throws Exception {
        Path target = Path.of(o.cliDir);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(cliJar(target) + ":" + target.resolve("lib") + "/*");
        cmd.addAll(List.of("dev.ghostmesh.cli.GhostTerminal", "--no-discovery", "--port", "0",
                "--home", home.toString()));
        if (o.pty) {
            // script(1) gives the CLI a terminal, so it runs its JLine console as a user sees it.
            String line = cmd.stream().map(a -> "'" + a.replace("'", "'\\''") + "'")
                    .collect(Collectors.joining(" "));
            cmd = List.of("script", "-qfec", line, "/dev/null");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        long start = System.nanoTime();
        Process p = pb.start();
        try {
            CompletableFuture<Long> ready = new CompletableFuture<>();
            List<String> output = new ArrayList<>();
            Thread reader = new Thread(() -> readOutput(p, ready, output, start), "cli-output");
            reader.setDaemon(true);
            reader.start();
            long readyNanos;
            try {
                readyNanos = ready.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                synchronized (output) {
                    throw new IllegalStateException("the CLI did not get ready: " + output, e);
                }
            }
            Thread.sleep(idleSeconds * 1000L); // the idle period is the measurement itself
            long jvm = jvmPid(p);
            long rss = ProcessMemory.rssKiB(jvm);
            long threads = ProcessMemory.threads(jvm);
            p.getOutputStream().write("/quit\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the CLI did not exit on /quit");
            }
            return new Run(readyNanos / 1_000_000.0, rss, threads);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** The JVM's pid: the process itself, or under script(1) its java descendant. */
    private static long jvmPid(Process p) {
        return p.descendants().filter(h -> h.info().command().orElse("").endsWith("/java"))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(p.pid());
    }

    private static void readOutput(Process p, CompletableFuture<Long> ready, List<String> output,
            long start) {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.contains(READY_LINE)) {
                    ready.complete(System.nanoTime() - start);
                }
                synchronized (output) {
                    if (output.size() < 50) {
                        output.add(line);
                    }
                }
            }
            ready.completeExceptionally(new IOException("the CLI exited"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    private static void report(List<String> flags, Options o, List<Run> runs) {
        List<Double> ready = runs.stream().map(Run::readyMillis).sorted().toList();
        List<Double> rss = runs.stream().map(r -> ProcessMemory.mib(r.rssKiB())).sorted()
                .toList();
        double median = ready.get(ready.size() / 2);
        System.out.println(new JsonLine().put("tool", "CliFootprint")
                .put("flags", String.join(" ", flags)).put("console", o.pty ? "jline" : "plain")
                .put("runs", runs.size())
                .put("idleSeconds", o.idleSeconds)
                .put("readyMillis", runs.stream().map(Run::readyMillis).toList())
                .put("readyMedianMillis", median)
                .put("rssMiB", runs.stream().map(r -> ProcessMemory.mib(r.rssKiB())).toList())
                .put("rssMedianMiB", rss.get(rss.size() / 2))
                .put("threads", runs.get(0).threads()));
        System.out.printf("CLI (" + (o.pty ? "terminal" : "pipes") + ") with [%s]: ready in %.0f ms median (%.0f-%.0f) over %d runs;"
                + " idle RSS after %d s %.1f MiB median (%.1f-%.1f), %d threads%n",
                String.join(" ", flags), median, ready.get(0), ready.get(ready.size() - 1),
                runs.size(), o.idleSeconds, rss.get(rss.size() / 2), rss.get(0),
                rss.get(rss.size() - 1), runs.get(0).threads());
    }

    private static String cliJar(Path target) throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.map(Path::toString)
                    .filter(f -> f.matches(".*/ghost-cli-[^/]*\\.jar")
                            && !f.matches(".*-(sources|tests|javadoc)\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "no ghost-cli jar in " + target + ": build the CLI first"));
        }
    }

    private static List<String> split(String flags) {
        return flags == null || flags.isBlank() ? List.of()
                : Arrays.asList(flags.trim().split("\\s+"));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private record Run(double readyMillis, long rssKiB, long threads) {}

    private static final class Options {
        String launcher = "ghost-terminal";
        String cliDir = "ghost-cli/target";
        String flags;
        String extra;
        int runs = 5;
        int idleSeconds = 10;
        boolean appcds;
        boolean pty;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--launcher" -> o.launcher = args[++i];
                    case "--cli-dir" -> o.cliDir = args[++i];
                    case "--flags" -> o.flags = args[++i];
                    case "--extra" -> o.extra = args[++i];
                    case "--runs" -> o.runs = Integer.parseInt(args[++i]);
                    case "--idle" -> o.idleSeconds = Integer.parseInt(args[++i]);
                    case "--appcds" -> o.appcds = true;
                    case "--pty" -> o.pty = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (o.runs < 1 || o.idleSeconds < 0) {
                throw new IllegalArgumentException("--runs must be positive, --idle not negative");
            }
            return o;
        }
    }
}
