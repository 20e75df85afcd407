package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Debian package that the package phase built into target/, read with the real
 * {@code dpkg-deb} (so a package dpkg would reject fails here too), and a way to run commands
 * against it with a deadline.
 *
 * <p>Threading: used from one test thread at a time; {@link #run} reads a process's two
 * streams on threads of its own.
 */
final class DebPackage {
    static final Path TARGET = Path.of("target").toAbsolutePath();
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    final Path file;

    private DebPackage(Path file) {
        this.file = file;
    }

    /**
     * The one {@code ghost-terminal_*_all.deb} in target/; skips the test where dpkg-deb is
     * missing (not a Debian-based machine), fails if the build made no package or several.
     */
    static DebPackage built() {
        assumeTrue(onPath("dpkg-deb"), "dpkg-deb is not installed (not a Debian-based machine):"
                + " the package checks need it");
        List<Path> debs;
        try (Stream<Path> files = Files.list(TARGET)) {
            debs = files.filter(p -> p.getFileName().toString().matches(
                    "ghost-terminal_.*_all\\.deb")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(1, debs.size(), "exactly one package in " + TARGET + ": " + debs);
        return new DebPackage(debs.get(0));
    }

    /** The version the package must carry: the project's, without -SNAPSHOT. */
    static String expectedVersion() {
        return VersionProvider.version().replaceFirst("-SNAPSHOT$", "").replace('-', '~');
    }

    /** The control fields, in order; continuation lines of a field are joined with "\n". */
    Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        String last = null;
        for (String line : ok(run(List.of("dpkg-deb", "--field", file.toString()))).split("\n")) {
            if (line.startsWith(" ") && last != null) {
                fields.merge(last, "\n" + line.substring(1), String::concat);
            } else {
                int colon = line.indexOf(':');
                last = line.substring(0, colon);
                fields.put(last, line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    /** One entry of the data archive: {@code ./usr/bin/ghost-terminal}, mode, owner. */
    record Entry(String path, String mode, String owner, String numericOwner) {
        boolean isDirectory() {
            return mode.startsWith("d");
        }
    }

    /**
     * The data archive's entries, each with its owner by name (as dpkg-deb shows it) and by
     * number (what dpkg falls back to where the name is unknown).
     */
    List<Entry> entries() {
        List<String[]> named = listing(List.of("dpkg-deb", "--contents", file.toString()));
        List<String[]> numeric = listing(List.of("sh", "-c",
                "dpkg-deb --fsys-tarfile \"$1\" | tar --numeric-owner -tvf -", "sh",
                file.toString()));
        assertEquals(named.size(), numeric.size(), "both listings show every entry");
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < named.size(); i++) {
            String[] n = named.get(i);
            assertEquals(n[5], numeric.get(i)[5], "both listings in the same order");
            entries.add(new Entry(n[5], n[0], n[1], numeric.get(i)[1]));
        }
        return entries;
    }

    private static List<String[]> listing(List<String> command) {
        return ok(run(command)).lines().map(l -> l.split("\\s+", 6)).toList();
    }

    /** Extracts the data archive into {@code dir} (as dpkg-deb -x: no ownership change). */
    Path extractTo(Path dir) {
        ok(run(List.of("dpkg-deb", "--extract", file.toString(), dir.toString())));
        return dir;
    }

    /** A finished process: exit code and the two streams as text. */
    record Result(int exit, String stdout, String stderr) {
        String describe() {
            return "exit " + exit + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    static String ok(Result r) {
        assertEquals(0, r.exit(), r::describe);
        return r.stdout();
    }

    static Result run(List<String> command) {
        return run(command, Map.of(), "");
    }

    static Result run(List<String> command, Map<String, String> env, String stdin) {
        return run(command, env, stdin, TIMEOUT);
    }

    /**
     * Runs {@code command} with {@code env} added to this environment ({@code null} values
     * remove a variable) and {@code stdin} as its input; fails the test if it is still running
     * after {@code max}.
     */
    static Result run(List<String> command, Map<String, String> env, String stdin, Duration max) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("GHOST_HOME");
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            CompletableFuture<String> out = readAll(p.getInputStream());
            CompletableFuture<String> err = readAll(p.getErrorStream());
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // It exited without reading its input; its output says why.
            }
            if (!p.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(command + " still running after " + max);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        } finally {
            stop(p);
        }
    }

    /** SIGTERM first and a moment to act on it: a script's trap unmounts what it mounted. */
    private static void stop(Process p) {
        if (p.isAlive()) {
            p.destroy();
            try {
                p.waitFor(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** A thread of its own per stream: the common pool may have a single one. */
    private static CompletableFuture<String> readAll(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("(unreadable: " + e + ")");
            }
        }, "deb-test-reader");
        t.setDaemon(true);
        t.start();
        return text;
    }

    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
