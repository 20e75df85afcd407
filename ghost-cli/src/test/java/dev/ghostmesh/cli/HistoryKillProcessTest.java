package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.MeshNode;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.transport.tcp.TcpTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16's acceptance test, "nothing sent is lost": a node is killed with {@code kill -9}
 * while it receives 1,000 messages a second, and after a restart with the same home its
 * history has every message it showed before the kill. The receiver is a {@code --json} CLI
 * process (each {@code message} object it wrote is one it showed); the sender a node in this
 * JVM, linked over TCP on loopback, broadcasting one message a millisecond until the receiver
 * is killed. The restart also clears the copy of SQLite's native library the killed node left
 * in its home.
 */
class HistoryKillProcessTest {
    /** Up to 3 s of them: the receiver is killed long before, whatever its pace. */
    private static final int MESSAGES = 3_000;
    /** Killed once it showed this many: well inside the stream. */
    private static final int KILL_AFTER = 400;

    @RegisterExtension
    final CliProcesses cli = new CliProcesses();

    @Test
    void everyMessageShownBeforeKillNineIsInTheHistoryAfterARestart() throws Exception {
        JsonClient receiver = cli.json("rx");
        MeshNode sender = MeshNode.builder().username("tx").autoConnect(false)
                .transport(TcpTransport.builder().port(0).bindAddress("127.0.0.1").build())
                .build().start();
        AtomicInteger sent = new AtomicInteger();
        Thread stream = new Thread(() -> {
            long start = System.nanoTime();
            for (int i = 0; i < MESSAGES && !Thread.currentThread().isInterrupted(); i++) {
                long due = start + i * 1_000_000L; // 1,000 a second
                LockSupport.parkNanos(due - System.nanoTime());
                sender.broadcast("k" + i);
                sent.incrementAndGet();
            }
        }, "sender");
        try {
            sender.connect(PeerAddress.tcp("127.0.0.1", receiver.port())).get(10,
                    TimeUnit.SECONDS);
            receiver.await("peer_connected", o -> "tx".equals(o.get("name")));
            stream.start();
            CliProcess rx = receiver.process;
            rx.awaitLine(0, l -> l.contains("\"text\":\"k" + KILL_AFTER + "\""),
                    "message k" + KILL_AFTER, Duration.ofSeconds(20));
            rx.process.destroyForcibly(); // SIGKILL: no shutdown hook, no close of the store
            int sentAtKill = sent.get();
            stream.interrupt();
            assertTrue(rx.process.waitFor(10, TimeUnit.SECONDS), "killed");
            assertEquals(137, rx.process.exitValue(), "ended by SIGKILL");
            assertTrue(sentAtKill < MESSAGES, "the stream was still running: " + sentAtKill);

            // Every complete line it wrote before it died: what it showed (a subset, if the
            // pipe still held some; those were shown all the same).
            Set<String> shown = new LinkedHashSet<>();
            for (Map<String, Object> o : receiver.objects()) {
                if ("message".equals(o.get("type"))) {
                    shown.add((String) o.get("id"));
                }
            }
            assertTrue(shown.size() > KILL_AFTER, "shown before the kill: " + shown.size());

            Path natives = cli.home("rx").resolve(HistoryStore.NATIVE_DIR);
            assertEquals(1, nativeLibraries(natives), "the killed node's copy of SQLite");
            JsonClient again = cli.json("rx");
            assertEquals(1, nativeLibraries(natives), "the start cleared the old one");
            assertEquals("disk", again.ready().get("history"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entries = (List<Map<String, Object>>) again.ok(
                    "{\"cmd\":\"history\",\"limit\":10000}").get("entries");
            Set<String> kept = new HashSet<>();
            entries.forEach(e -> kept.add((String) e.get("id")));
            assertEquals(entries.size(), kept.size(), "no message kept twice");
            Set<String> lost = new LinkedHashSet<>(shown);
            lost.removeAll(kept);
            assertEquals(Set.of(), lost, "shown before the kill, missing after the restart");
            System.out.printf("kill -9: %d messages shown before the kill (%d sent), %d kept%n",
                    shown.size(), sentAtKill, kept.size());
        } finally {
            stream.interrupt();
            stream.join(5_000);
            sender.close();
        }
    }

    private static long nativeLibraries(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.toString().endsWith(".lck")).count();
        }
    }
}
