package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.MeshException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Home errors in words, and a failed start that takes back what it made. */
class HomeFilesTest {
    @TempDir
    Path tmp;

    @Test
    void reasonsAreSaidAsTheShellSaysThem() {
        assertEquals("permission denied", HomeFiles.reason(new AccessDeniedException("/x")));
        assertEquals("not a directory", HomeFiles.reason(new NotDirectoryException("/x")));
        assertEquals("not a directory",
                HomeFiles.reason(new FileAlreadyExistsException("/x")));
        // What Java throws for EROFS: a bare FileSystemException with the OS's words.
        assertEquals("read-only file system", HomeFiles.reason(
                new FileSystemException("/x", null, "Read-only file system")));
        assertEquals("no space left on device", HomeFiles.reason(
                new FileSystemException("/x", null, "No space left on device")));
    }

    @Test
    void theOffendingPathIsNamedWhenItIsNotTheHome() {
        Path home = tmp.resolve("a/b");
        assertEquals("not a directory (" + tmp.resolve("a") + ")", HomeFiles.reason(
                new FileAlreadyExistsException(tmp.resolve("a").toString()), home));
        assertEquals("permission denied", HomeFiles.reason(
                new AccessDeniedException(home.toString()), home));
    }

    @Test
    void anIdentityFileErrorSaysWhy() {
        Path home = tmp.resolve("h");
        MeshException e = new MeshException("cannot use identity file x: " + home,
                new AccessDeniedException(home.resolve("identity.key").toString()));
        assertEquals("cannot use identity file " + home.resolve("identity.key")
                + ": permission denied", HomeFiles.identityError(e, home));
    }

    @Test
    @SuppressWarnings("try") // the lock is held, not used, while the start makes its files
    void aFailedStartRemovesAHomeItMadeAndTheParentsMadeForIt() throws IOException {
        Path home = tmp.resolve("new/deeper/home");
        HomeFiles before = HomeFiles.before(home);
        try (HomeLock lock = HomeLock.tryAcquire(home)) {
            Files.writeString(home.resolve("identity.key"), "secret");
            Files.writeString(home.resolve(LogSetup.LOG_FILE), "log");
        }
        before.undo();
        assertFalse(Files.exists(tmp.resolve("new")), "half-made home left behind");
        assertTrue(Files.isDirectory(tmp));
    }

    @Test
    @SuppressWarnings("try") // the lock is held, not used, while the start makes its files
    void inAnExistingHomeOnlyTheIdentityAndLockItMadeAreRemoved() throws IOException {
        Path home = Files.createDirectory(tmp.resolve("home"));
        Files.writeString(home.resolve("history"), "old lines");
        HomeFiles before = HomeFiles.before(home);
        try (HomeLock lock = HomeLock.tryAcquire(home)) {
            Files.writeString(home.resolve("identity.key"), "secret");
            Files.writeString(home.resolve(LogSetup.LOG_FILE), "why it failed");
        }
        before.undo();
        assertFalse(Files.exists(home.resolve("identity.key")));
        assertFalse(Files.exists(home.resolve(HomeLock.LOCK_FILE)));
        assertTrue(Files.exists(home.resolve("history")));
        assertTrue(Files.exists(home.resolve(LogSetup.LOG_FILE)), "the log says why");
    }

    @Test
    @SuppressWarnings("try") // the lock is held, not used, while the start makes its files
    void aHistoryStoreItMadeGoesWithItsFilesAndOneThatExistedStays() throws IOException {
        Path made = Files.createDirectory(tmp.resolve("made"));
        HomeFiles before = HomeFiles.before(made);
        try (HomeLock lock = HomeLock.tryAcquire(made)) {
            for (String f : List.of("ghost.db", "ghost.db-wal", "ghost.db-shm")) {
                Files.writeString(made.resolve(f), "store");
            }
            // SQLite's native library, still loaded when a failed start cleans up.
            Files.writeString(Files.createDirectory(made.resolve("tmp"))
                    .resolve("sqlite-3-x-libsqlitejdbc.so"), "native");
        }
        before.undo();
        try (Stream<Path> left = Files.list(made)) {
            assertEquals(List.of(), left.toList());
        }

        Path kept = Files.createDirectory(tmp.resolve("kept"));
        Files.writeString(kept.resolve("ghost.db"), "history of earlier runs");
        HomeFiles beforeKept = HomeFiles.before(kept);
        // A start that dies before closing it leaves the WAL: it may hold the last messages.
        Files.writeString(kept.resolve("ghost.db-wal"), "the last ones");
        beforeKept.undo();
        assertTrue(Files.exists(kept.resolve("ghost.db")));
        assertTrue(Files.exists(kept.resolve("ghost.db-wal")));
    }

    @Test
    void anIdentityThatExistedBeforeIsKept() throws IOException {
        Path home = Files.createDirectory(tmp.resolve("home"));
        Files.writeString(home.resolve("identity.key"), "mine");
        HomeFiles.before(home).undo();
        assertEquals("mine", Files.readString(home.resolve("identity.key")));
    }
}
