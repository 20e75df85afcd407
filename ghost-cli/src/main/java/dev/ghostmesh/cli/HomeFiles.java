package dev.ghostmesh.cli;

import dev.ghostmesh.MeshException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;

/**
 * What a start does to the home directory, so that a start that fails leaves nothing behind,
 * and why the home could not be used, in words. {@link #before} notes what exists before the
 * start; {@link #undo} removes what the start made: the whole home (and the parent directories
 * made for it) when it did not exist, else the identity key, lock file, history store and
 * the directory of SQLite's native library if this start made them. The log stays in a home
 * that existed: it tells why the start failed.
 *
 * <p>Threading: the main thread, before the node starts or after it failed to.
 */
final class HomeFiles {
    /**
     * Files a start may make in a home that existed; removed again if it fails. The history
     * store's WAL files go with it ({@link HistoryStore#COMPANIONS}), never on their own: beside
     * a store that existed they may hold its last messages.
     */
    private static final List<String> MADE_BY_START = List.of("identity.key",
            HomeLock.LOCK_FILE, HistoryStore.FILE, HistoryStore.NATIVE_DIR);

    private final Path home;
    /** The topmost directory of the home's path that did not exist, or null. */
    private final Path firstMissing;
    private final List<String> absent;

    private HomeFiles(Path home, Path firstMissing, List<String> absent) {
        this.home = home;
        this.firstMissing = firstMissing;
        this.absent = absent;
    }

    /** Notes what of {@code home} exists now. */
    static HomeFiles before(Path home) {
        Path abs = home.toAbsolutePath().normalize();
        Path missing = null;
        for (Path p = abs; p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        List<String> absent = MADE_BY_START.stream()
                .filter(f -> !Files.exists(abs.resolve(f))).toList();
        return new HomeFiles(abs, missing, absent);
    }

    /** Removes what the start made since {@link #before}; best effort, never throws. */
    void undo() {
        try {
            if (firstMissing != null) {
                deleteTree(firstMissing);
            } else if (Files.isDirectory(home)) {
                for (String f : absent) {
                    if (Files.isDirectory(home.resolve(f))) {
                        deleteTree(home.resolve(f));
                    }
                    Files.deleteIfExists(home.resolve(f));
                    if (f.equals(HistoryStore.FILE)) {
                        for (String c : HistoryStore.COMPANIONS) {
                            Files.deleteIfExists(home.resolve(c));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Nothing more to do: the start failed already, and its error line says why.
        }
    }

    private static void deleteTree(Path top) throws IOException {
        if (!Files.exists(top)) {
            return;
        }
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                    throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e)
                    throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Why a file operation failed, as the shell says it: {@code permission denied},
     * {@code not a directory}, {@code read-only file system}, ... Java's own messages are
     * often just the path, which says nothing.
     */
    static String reason(Throwable e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
            // createDirectories meets a file where a directory should be.
            return "not a directory";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // The OS's own words ("Is a directory") in the lower case of the rest of the line.
        return m.length() > 1 && Character.isUpperCase(m.charAt(0))
                && Character.isLowerCase(m.charAt(1))
                ? Character.toLowerCase(m.charAt(0)) + m.substring(1) : m;
    }

    /** {@code reason}, plus the path it is about when that is not {@code home} itself. */
    static String reason(Throwable e, Path home) {
        String why = reason(e);
        if (e instanceof FileSystemException f && f.getFile() != null
                && !Path.of(f.getFile()).toAbsolutePath().normalize()
                        .equals(home.toAbsolutePath().normalize())) {
            return why + " (" + f.getFile() + ")";
        }
        return why;
    }

    /**
     * The error line for an identity that cannot be read or written: the library's message
     * names the file; the reason is said in words.
     */
    static String identityError(MeshException e, Path home) {
        if (e.getCause() instanceof IOException io) {
            return "cannot use identity file " + home.resolve("identity.key") + ": "
                    + reason(io, home.resolve("identity.key"));
        }
        return e.getMessage();
    }
}
