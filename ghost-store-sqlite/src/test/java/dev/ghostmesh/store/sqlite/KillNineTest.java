package dev.ghostmesh.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.spi.StoreLimits;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost by {@code kill -9}: a writer process adds entries as fast as it
 * can and reports each one its add returned; it is killed (SIGKILL) in the middle, and every
 * entry it reported is in the file when it is opened again.
 */
class KillNineTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEntrySurvivesSigkill() throws Exception {
        Path file = dir.resolve("ghost.db");
        String classpath = String.join(java.io.File.pathSeparator,
                System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path"));
        // sqlite-jdbc unpacks its native library for each process; a killed one never deletes
        // its copy (its lock file keeps the next process from doing so): not into /tmp, then.
        Path natives = Files.createDirectory(dir.resolve("native"));
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), "-Dorg.sqlite.tmpdir=" + natives, "-cp", classpath,
                KillNineWriter.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int acked = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(
                writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                assertTrue(line.startsWith("acked "), "writer said: " + line);
                acked = Integer.parseInt(line.substring(6));
                if (acked == 2_000) {
                    writer.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
                    break;
                }
            }
        } finally {
            writer.destroyForcibly();
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(2_000, acked, "the writer got that far");
        assertEquals(137, writer.exitValue(), "killed by SIGKILL");

        try (SqliteMessageStore store = SqliteMessageStore.open(file, StoreLimits.DISK_DEFAULT)) {
            List<HistoryEntry> kept = store.query(HistoryQuery.latest(HistoryQuery.MAX_LIMIT));
            Set<String> texts = new HashSet<>();
            kept.forEach(e -> texts.add(e.message().text()));
            for (int i = 0; i <= 2_000; i++) {
                assertTrue(texts.contains("m" + i), "acknowledged m" + i + " was lost");
            }
            assertEquals(kept.size(), texts.size(), "no entry twice");
        }
    }
}
