package dev.ghostmesh.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The CLI processes of a process test, each with its home in a temporary directory of the
 * fixture's own (an extension cannot be handed the test's {@code @TempDir}, and a field
 * initializer runs before it is set). Registered with {@code @RegisterExtension}: as an
 * instance field it gives each test a fresh directory and kills that test's processes after it;
 * as a static field (a class whose ordered tests share processes) it does so once for the class.
 *
 * <p>{@link #start}, {@link #launch}, {@link #json} and {@link #pty} run node {@code name} in
 * {@link #home home(name)} with {@code --username name --port 0}, each unless the test's
 * arguments give their own, then those arguments; discovery stays off unless they choose an
 * interface (see {@link CliProcess#javaCommand}). Every process started or {@linkplain #add
 * added} here shows the transcripts of the others when one of its waits fails: a line that
 * never came is usually explained by what a peer printed.
 *
 * <p>Threading: the test thread only.
 */
final class CliProcesses implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {
    private final Map<String, String> env;
    private final List<CliProcess> processes = new ArrayList<>();
    private final List<AutoCloseable> owned = new ArrayList<>();
    private Path dir;
    /** Set when registered statically: the directory and processes then live for the class. */
    private boolean perClass;

    CliProcesses() {
        this(Map.of());
    }

    /** Every process this fixture starts gets {@code env} added to its environment. */
    CliProcesses(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        perClass = true;
        dir = Files.createTempDirectory("ghost-cli-test");
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            dir = Files.createTempDirectory("ghost-cli-test");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            closeAll();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        closeAll();
    }

    /** The temporary directory the homes live in. */
    Path dir() {
        return dir;
    }

    /** The home of the process called {@code name}: a directory of that name in {@link #dir}. */
    Path home(String name) {
        return dir.resolve(name);
    }

    /** Starts node {@code name} and waits until it reads input (its banner is complete). */
    CliProcess start(String name, String... args) {
        return start(name, home(name), args);
    }

    /** Like {@link #start(String, String...)} in another home (a restart in the same one). */
    CliProcess start(String name, Path home, String... args) {
        return add(CliProcess.start(name, home, env, withDefaults(name, args))).awaitReady();
    }

    /**
     * Starts node {@code name} and returns at once, for a test that writes before the node runs
     * or starts several side by side.
     */
    CliProcess launch(String name, String... args) {
        return add(CliProcess.start(name, home(name), env, withDefaults(name, args)));
    }

    /** Starts node {@code name} in {@code --json} mode and waits for its ready object. */
    JsonClient json(String name, String... args) {
        JsonClient c = add(JsonClient.start(name, home(name), env, withDefaults(name, args)));
        c.ready();
        return c;
    }

    /**
     * Starts node {@code name} on a pseudo-terminal ({@link PtyCli}) with {@code env} added, and
     * returns at once: on a terminal the test waits for the line editor's prompt in raw output.
     */
    CliProcess pty(Path script, String name, Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(this.env);
        all.putAll(env);
        return add(PtyCli.start(script, home(name), all, withDefaults(name, args)));
    }

    /**
     * Takes a process started otherwise (exact arguments, another home, another command) to
     * show and kill with the others.
     */
    CliProcess add(CliProcess p) {
        processes.add(p);
        owned.add(p);
        p.context(() -> processes.stream().filter(o -> o != p).map(CliProcess::transcript)
                .reduce("\n", (a, b) -> a + b + "\n"));
        return p;
    }

    JsonClient add(JsonClient c) {
        add(c.process);
        return c;
    }

    /** Closes {@code resource} (a fake service, say) with the processes. */
    <T extends AutoCloseable> T closeAfter(T resource) {
        owned.add(resource);
        return resource;
    }

    /** The defaults the test's {@code args} do not give, then {@code args}. */
    private static String[] withDefaults(String name, String... args) {
        List<String> all = new ArrayList<>();
        if (!gives(args, "--username")) {
            all.addAll(List.of("--username", name));
        }
        if (!gives(args, "--port")) {
            all.addAll(List.of("--port", "0"));
        }
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static boolean gives(String[] args, String option) {
        return Stream.of(args).anyMatch(a -> a.equals(option) || a.startsWith(option + "="));
    }

    /**
     * Kills everything in start order, then deletes the directory (the processes are gone, so
     * nothing writes there any more); the first failure is thrown, the others suppressed in it.
     */
    private void closeAll() throws Exception {
        Exception failure = null;
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                failure = merged(failure, e);
            }
        }
        owned.clear();
        processes.clear();
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p); // deepest first: a directory is empty when its turn comes
                }
            } catch (IOException | UncheckedIOException e) {
                failure = merged(failure, e);
            }
            dir = null;
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Exception merged(Exception failure, Exception e) {
        if (failure == null) {
            return e;
        }
        failure.addSuppressed(e);
        return failure;
    }
}
