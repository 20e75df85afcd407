package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code ghost-terminal} process for tests: started with this JVM's java binary and
 * test classpath, stdin and stdout/stderr as pipes. Background threads collect output lines;
 * the {@code await} methods poll them against a deadline (no fixed sleeps) and fail with the
 * whole transcript, so a failing test shows what the CLI printed.
 *
 * <p>Threading: the reader threads append under this object's monitor and notify; test
 * methods call everything else from the test thread.
 */
final class CliProcess implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern PORT = Pattern.compile("^\\* listening on port (\\d+)");
    private static final Pattern ID = Pattern.compile("^\\* ID: ([0-9a-f]{32})$");

    final String name;
    final Process process;
    private final OutputStream stdin;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final StringBuilder raw = new StringBuilder();
    private final long startedNanos = System.nanoTime();
    /** More to show when a wait fails: the other processes of the test, their logs. */
    private volatile Supplier<String> context = () -> "";

    private CliProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        pump(process.getInputStream(), out, name + "-stdout");
        pump(process.getErrorStream(), err, name + "-stderr");
    }

    /**
     * The java command line that runs the CLI with {@code args}, in this (the host's) network
     * namespace. Tests must never send beacons onto a real network: unless {@code args} choose
     * otherwise, {@code --no-discovery} is added, and the only interface a test here may pass to
     * {@code --discovery-interface} is {@code lo} (tests that want real interfaces run inside a
     * {@link NetnsLab} namespace, through {@link #javaCommandUnconfined}).
     */
    static List<String> javaCommand(List<String> args) {
        List<String> confined = new ArrayList<>(args);
        boolean chosen = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--no-discovery")) {
                chosen = true;
            } else if (a.equals("--discovery-interface")
                    || a.startsWith("--discovery-interface=")) {
                chosen = true;
                String nif = a.contains("=") ? a.substring(a.indexOf('=') + 1)
                        : i + 1 < args.size() ? args.get(i + 1) : "";
                if (!nif.equals("lo")) {
                    throw new IllegalArgumentException("a test outside a network namespace may"
                            + " beacon only on lo, not on '" + nif + "'");
                }
            }
        }
        if (!chosen) {
            confined.add("--no-discovery");
        }
        return javaCommandUnconfined(confined);
    }

    /**
     * The java command line for {@code args} as given, for a process whose network is already
     * confined (inside a {@link NetnsLab} namespace).
     */
    static List<String> javaCommandUnconfined(List<String> args) {
        return javaMain(GhostTerminal.class, args);
    }

    /** The java command line that runs {@code main} of the test classpath with {@code args}. */
    static List<String> javaMain(Class<?> main, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(args);
        return cmd;
    }

    /** Starts the CLI with {@code --home home} and {@code args}, piped. */
    static CliProcess start(String name, Path home, String... args) {
        return start(name, home, Map.of(), args);
    }

    /** Like {@link #start(String, Path, String...)} with extra environment variables. */
    static CliProcess start(String name, Path home, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        return start(name, javaCommand(all), env);
    }

    /**
     * Like {@link #start(String, Path, String...)} for arguments that are not ASCII (a Cyrillic
     * username). Java encodes a child's arguments in the platform charset, which under a bare C
     * locale turns them into '?', so the command goes through sh with such arguments written as
     * printf octal escapes of their UTF-8 bytes, and the child runs in the C.UTF-8 locale.
     */
    static CliProcess startUtf8(String name, Path home, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        StringBuilder script = new StringBuilder("exec");
        for (String arg : javaCommand(all)) {
            script.append(' ').append(shellWord(arg));
        }
        return start(name, List.of("/bin/sh", "-c", script.toString()),
                Map.of("LC_ALL", "C.UTF-8"));
    }

    private static String shellWord(String arg) {
        if (arg.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return "'" + arg.replace("'", "'\\''") + "'";
        }
        StringBuilder octal = new StringBuilder();
        for (byte b : arg.getBytes(StandardCharsets.UTF_8)) {
            octal.append(String.format("\\%03o", b & 0xff));
        }
        return "\"$(printf '" + octal + "')\"";
    }

    /** Starts any command (e.g. the CLI wrapped in script(1)) with piped standard streams. */
    static CliProcess start(String name, List<String> command) {
        return start(name, command, Map.of());
    }

    /** Like {@link #start(String, List)} with extra environment variables. */
    static CliProcess start(String name, List<String> command, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("GHOST_HOME");
        // Tests choose colours themselves: the runner's own NO_COLOR must not decide them.
        pb.environment().remove("NO_COLOR");
        pb.environment().putAll(env);
        try {
            return new CliProcess(name, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Types one line (UTF-8, newline-terminated). */
    void send(String line) {
        sendRaw(line + "\n");
    }

    /** Writes exactly {@code text}; for a pty, "\r" is the Enter key. */
    void sendRaw(String text) {
        try {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            fail(name + ": cannot write to stdin: " + e + "\n" + transcript());
        }
    }

    /**
     * Runs {@code command} and returns the lines it printed: the CLI handles input lines in
     * order and prints a command's output before reading the next, so everything up to the
     * error for an unknown sentinel command belongs to it (event lines may interleave).
     */
    List<String> run(String command) {
        int from = mark();
        String sentinel = "/end-of-output-" + from;
        send(command);
        send(sentinel);
        awaitLine(from, "error: unknown command " + sentinel + " ");
        return lines(from, l -> !l.contains(sentinel));
    }

    /** Closes stdin: end of input, which the CLI treats as /quit. */
    void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** How many stdout lines have arrived; pass it to {@link #awaitLine(int, String)}. */
    synchronized int mark() {
        return out.size();
    }

    /** Waits for a stdout line at or after {@code from} that contains {@code text}. */
    String awaitLine(int from, String text) {
        return awaitLine(from, l -> l.contains(text), "a line containing '" + text + "'");
    }

    /** Waits for any stdout line that contains {@code text}. */
    String awaitLine(String text) {
        return awaitLine(0, text);
    }

    synchronized String awaitLine(int from, Predicate<String> p, String what) {
        return await(out, from, p, what, TIMEOUT);
    }

    /** Like {@link #awaitLine(int, Predicate, String)} with its own deadline. */
    synchronized String awaitLine(int from, Predicate<String> p, String what, Duration max) {
        return await(out, from, p, what, max);
    }

    /** Waits for a stderr line that contains {@code text}. */
    synchronized String awaitStderrLine(String text) {
        return await(err, 0, l -> l.contains(text), "stderr line containing '" + text + "'",
                TIMEOUT);
    }

    private String await(List<String> lines, int from, Predicate<String> p, String what,
            Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            for (int i = from; i < lines.size(); i++) {
                if (p.test(lines.get(i))) {
                    return lines.get(i);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return fail(name + ": no " + what + " within " + max + "\n" + transcript()
                        + context.get());
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted");
            }
        }
    }

    /**
     * Waits until the raw stdout, from char index {@code from}, contains {@code text}; returns
     * the index just after it.
     */
    synchronized int awaitRaw(int from, String text) {
        return awaitRaw(from, Pattern.compile(Pattern.quote(text)), "'" + text + "'");
    }

    /**
     * Waits until the raw stdout, from char index {@code from}, has a match of {@code regex};
     * returns the index just after it.
     */
    synchronized int awaitRawMatch(int from, String regex) {
        return awaitRaw(from, Pattern.compile(regex), "a match of " + regex);
    }

    private synchronized int awaitRaw(int from, Pattern pattern, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Matcher m = pattern.matcher(raw);
            if (from <= raw.length() && m.find(from)) {
                return m.end();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return fail(name + ": raw output has no " + what + " within " + TIMEOUT
                        + "\n" + transcript() + context.get());
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted");
            }
        }
    }

    /** Waits until more output arrives, or at most {@code max}. */
    synchronized void awaitOutput(Duration max) {
        try {
            TimeUnit.NANOSECONDS.timedWait(this, max.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stdout lines from {@code from} on that satisfy {@code p}. */
    synchronized List<String> lines(int from, Predicate<String> p) {
        List<String> found = new ArrayList<>();
        for (int i = from; i < out.size(); i++) {
            if (p.test(out.get(i))) {
                found.add(out.get(i));
            }
        }
        return found;
    }

    synchronized List<String> stdout() {
        return List.copyOf(out);
    }

    synchronized List<String> stderr() {
        return List.copyOf(err);
    }

    /** The listening port from the banner. */
    int port() {
        Matcher m = PORT.matcher(awaitLine(0, l -> PORT.matcher(l).find(), "banner port"));
        m.find();
        return Integer.parseInt(m.group(1));
    }

    /** The 32-hex node id from the banner. */
    String id() {
        Matcher m = ID.matcher(awaitLine(0, l -> ID.matcher(l).matches(), "banner ID"));
        m.matches();
        return m.group(1);
    }

    /** Waits until the banner is complete, i.e. the node is running and reading input. */
    CliProcess awaitReady() {
        awaitLine("Type /help for commands");
        return this;
    }

    /** Waits for the exit code; fails if the process is still running after {@code max}. */
    int awaitExit(Duration max) {
        try {
            if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(name + ": still running after " + max + "\n" + transcript());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
        return process.exitValue();
    }

    /** What a failed wait shows besides this transcript (e.g. every process of a lab). */
    CliProcess context(Supplier<String> more) {
        this.context = more;
        return this;
    }

    /** Milliseconds since the process was started. */
    long ageMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** Everything written to stdout so far, as it arrived (escape sequences included). */
    synchronized String raw() {
        return raw.toString();
    }

    synchronized String transcript() {
        return "---- " + name + " stdout ----\n" + String.join("\n", out)
                + "\n---- " + name + " stderr ----\n" + String.join("\n", err) + "\n----";
    }

    /** Kills the process (and any child, e.g. the java under script(1)). Idempotent. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reads chunks rather than lines, so output without a newline (a line editor's prompt)
     * can be awaited through {@link #awaitRaw}; complete lines also go to {@code sink}.
     */
    private void pump(InputStream in, List<String> sink, String threadName) {
        Thread t = new Thread(() -> {
            try (InputStreamReader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                char[] buf = new char[8192];
                StringBuilder line = new StringBuilder();
                int n;
                while ((n = r.read(buf)) > 0) {
                    synchronized (this) {
                        if (sink == out) {
                            raw.append(buf, 0, n);
                        }
                        for (int i = 0; i < n; i++) {
                            char c = buf[i];
                            if (c == '\n') {
                                int end = line.length();
                                if (end > 0 && line.charAt(end - 1) == '\r') {
                                    line.setLength(end - 1);
                                }
                                sink.add(line.toString());
                                line.setLength(0);
                            } else {
                                line.append(c);
                            }
                        }
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process was destroyed: its pipes are gone, and so is the transcript's end.
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
    }
}
