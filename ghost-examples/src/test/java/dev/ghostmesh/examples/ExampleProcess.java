package dev.ghostmesh.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An example's {@code main} run as a real process: this JVM's java binary with the test
 * classpath. Reader threads collect its output lines; {@link #awaitLine} waits for one against a
 * deadline and fails with the whole transcript.
 *
 * <p>Threading: reader threads append under this object's monitor and notify; everything else
 * is called from the test thread.
 */
final class ExampleProcess implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();

    private ExampleProcess(Process process) {
        this.process = process;
        pump(process.getInputStream(), out, "example-stdout");
        pump(process.getErrorStream(), err, "example-stderr");
    }

    /** Starts {@code main} of {@code mainClass} with {@code args}. */
    static ExampleProcess start(Class<?> mainClass, String... args) {
        return start(Path.of(""), System.getProperty("java.class.path"), mainClass.getName(),
                args);
    }

    /** Starts {@code main} of {@code mainClass}, found on {@code classpath}, in {@code dir}. */
    static ExampleProcess start(Path dir, String classpath, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        try {
            return new ExampleProcess(new ProcessBuilder(command)
                    .directory(dir.toAbsolutePath().toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a stdout line matching {@code regex} (anywhere in it); returns the match. */
    synchronized Matcher awaitLine(String regex) {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            for (String line : out) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("no line matching /" + regex + "/ within " + TIMEOUT + "\n" + transcript());
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** Waits for the process to exit and returns its code; fails if it runs on. */
    int awaitExit() {
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("still running after " + TIMEOUT + "\n" + transcript());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
        return process.exitValue();
    }

    synchronized List<String> stdout() {
        return List.copyOf(out);
    }

    synchronized List<String> stderr() {
        return List.copyOf(err);
    }

    synchronized String transcript() {
        return "---- stdout ----\n" + String.join("\n", out) + "\n---- stderr ----\n"
                + String.join("\n", err) + "\n----";
    }

    /** Kills the process if it still runs. Idempotent. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump(InputStream in, List<String> sink, String threadName) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (this) {
                        sink.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process is gone, and with it the rest of its output.
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
    }
}
