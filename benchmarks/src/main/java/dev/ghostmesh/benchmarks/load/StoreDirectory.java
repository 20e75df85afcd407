package dev.ghostmesh.benchmarks.load;

import dev.ghostmesh.spi.MessageStore;
import dev.ghostmesh.spi.StoreLimits;
import dev.ghostmesh.store.sqlite.SqliteMessageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The temporary directory of a load run's SQLite stores ({@code --store sqlite}), one file per
 * node with the CLI's limits, removed after the run. Stateless.
 */
final class StoreDirectory {
    private StoreDirectory() {}

    static Path create() {
        try {
            return Files.createTempDirectory("ghost-load-stores");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageStore open(Path dir, String node) {
        try {
            return SqliteMessageStore.open(dir.resolve(node + ".db"), StoreLimits.DISK_DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is not worth failing a finished run for.
        }
    }
}
