package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeLockTest {
    @TempDir
    Path tmp;

    @Test
    void secondLockOnTheSameHomeFailsUntilTheFirstIsReleased() throws IOException {
        Path home = tmp.resolve("home");
        HomeLock first = HomeLock.tryAcquire(home);
        assertNotNull(first);
        assertNull(HomeLock.tryAcquire(home));
        assertEquals(String.valueOf(ProcessHandle.current().pid()), HomeLock.holderPid(home));
        first.close();
        try (HomeLock again = HomeLock.tryAcquire(home)) {
            assertNotNull(again);
        }
    }

    @Test
    void newHomeIsCreatedOwnerOnly() throws IOException {
        Path home = tmp.resolve("a/b/home");
        try (HomeLock lock = HomeLock.tryAcquire(home)) {
            assertNotNull(lock);
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
    }

    @Test
    void unknownHolderPidIsAQuestionMark() {
        assertEquals("?", HomeLock.holderPid(tmp.resolve("missing")));
    }
}
