package dev.ghostmesh.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.spi.MessageStore;
import dev.ghostmesh.spi.StoreLimits;
import dev.ghostmesh.testing.MessageStoreContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite store keeps the store contract, and what only a file can: entries and bounds
 * across a reopen, owner-only permissions, and a clear refusal of a file it cannot use.
 */
class SqliteMessageStoreTest extends MessageStoreContractTest {
    @TempDir
    Path dir;
    private int files;

    @Override
    protected MessageStore create(StoreLimits limits) throws IOException {
        return SqliteMessageStore.open(dir.resolve("store" + files++ + ".db"), limits);
    }

    @Test
    void entriesAndTheirBoundsOutliveAReopen() throws Exception {
        Path file = dir.resolve("ghost.db");
        StoreLimits limits = new StoreLimits(100, 1L << 20, 10, Duration.ofDays(7));
        HistoryEntry first;
        try (MessageStore store = SqliteMessageStore.open(file, limits)) {
            first = broadcast(ALICE, "kept");
            store.add(first);
            for (int i = 0; i < 10; i++) {
                store.add(broadcast(MALLORY, "spam " + i));
            }
        }
        try (MessageStore store = SqliteMessageStore.open(file, limits)) {
            assertEquals(11, store.size());
            assertFalse(store.add(first), "still known after the reopen: not shown twice");
            store.add(broadcast(MALLORY, "spam 10"));
            List<HistoryEntry> all = store.query(HistoryQuery.latest(100));
            assertEquals(11, all.size(), "mallory's quota counted what the file held");
            assertEquals(first, all.get(0), "the same entry, to the nanosecond");
            assertEquals("spam 1", all.get(1).message().text());
        }
    }

    @Test
    void theFileIsTheOwnersOnly() throws Exception {
        Path file = dir.resolve("private.db");
        try (MessageStore store = SqliteMessageStore.open(file, StoreLimits.DISK_DEFAULT)) {
            store.add(broadcast(ALICE, "secret"));
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file)));
            Path wal = dir.resolve("private.db-wal");
            assertTrue(Files.exists(wal), "WAL mode");
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(wal)));
        }
    }

    @Test
    void aFileThatIsNoStoreIsRefusedInOneLine() throws Exception {
        Path junk = dir.resolve("junk.db");
        Files.write(junk, "this is not a database, just forty-odd bytes of text".repeat(20)
                .getBytes());
        IOException e = assertThrows(IOException.class,
                () -> SqliteMessageStore.open(junk, StoreLimits.DISK_DEFAULT));
        assertTrue(e.getMessage().startsWith(junk + ": not a Ghost Terminal store"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());

        IOException noDir = assertThrows(IOException.class, () -> SqliteMessageStore.open(
                dir.resolve("missing/ghost.db"), StoreLimits.DISK_DEFAULT));
        assertTrue(noDir.getMessage().contains("no such directory"), noDir.getMessage());
    }

    @Test
    void aStoreFromANewerVersionIsRefusedAndLeftAlone() throws Exception {
        Path file = dir.resolve("newer.db");
        try (MessageStore store = SqliteMessageStore.open(file, StoreLimits.DISK_DEFAULT)) {
            store.add(broadcast(ALICE, "from the future"));
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = db.createStatement()) {
            s.execute("PRAGMA user_version = " + (Schema.VERSION + 1));
        }
        IOException e = assertThrows(IOException.class,
                () -> SqliteMessageStore.open(file, StoreLimits.DISK_DEFAULT));
        assertTrue(e.getMessage().contains("written by a newer Ghost Terminal"), e.getMessage());
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = db.createStatement()) {
            var r = s.executeQuery("SELECT COUNT(*) FROM history");
            assertTrue(r.next());
            assertEquals(1, r.getInt(1), "nothing was dropped or rewritten");
        }
    }

    @Test
    void aFreshFileGetsTheCurrentSchemaVersion() throws Exception {
        Path file = dir.resolve("fresh.db");
        SqliteMessageStore.open(file, StoreLimits.DISK_DEFAULT).close();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertEquals(Schema.VERSION, Schema.version(db));
        }
    }
}
