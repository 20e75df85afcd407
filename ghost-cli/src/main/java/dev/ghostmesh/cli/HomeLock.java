package dev.ghostmesh.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An exclusive lock on a home directory, so two live processes never share one identity (they
 * would fight over the same node id on the mesh) or one log file. It is an OS file lock on
 * {@code ghost-terminal.lock}: the OS releases it when the process dies, however it dies, so
 * a stale lock file never blocks the next start. The file holds the owner's pid for the error
 * message of whoever comes second.
 *
 * <p>Threading: acquire and close from one thread; hold it for the life of the process.
 */
final class HomeLock implements AutoCloseable {
    static final String LOCK_FILE = "ghost-terminal.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates {@code home} (owner-only) if needed and locks it.
     *
     * @return the lock, or null if another live process holds it
     * @throws IOException if the directory or lock file cannot be created
     */
    static HomeLock tryAcquire(Path home) throws IOException {
        createOwnerOnlyDirectory(home);
        Path file = home.resolve(LOCK_FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null; // held by this very JVM (tests run several CLIs in one JVM)
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            return null;
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                .getBytes(StandardCharsets.US_ASCII)));
        ch.force(false);
        return new HomeLock(ch, lock);
    }

    /** The pid written by the process holding the lock on {@code home}, or "?" if unknown. */
    static String holderPid(Path home) {
        try {
            String text = Files.readString(home.resolve(LOCK_FILE), StandardCharsets.US_ASCII)
                    .strip();
            return text.matches("\\d{1,10}") ? text : "?";
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static void createOwnerOnlyDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // Another process created it between the check and here; the lock decides.
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The OS drops the lock at exit anyway.
        }
    }
}
