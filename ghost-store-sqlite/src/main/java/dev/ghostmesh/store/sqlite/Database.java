package dev.ghostmesh.store.sqlite;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opening the file: created owner-only before SQLite touches it (SQLite gives its WAL and
 * shared-memory files the database file's permissions), WAL mode, and errors turned into one
 * line a person can act on. Stateless.
 */
final class Database {
    private Database() {}

    static Connection open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException(file + ": no such directory " + parent);
        }
        createOwnerOnly(file);
        Connection db;
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new IOException(file + ": " + describe(e), e);
        }
        try (Statement s = db.createStatement()) {
            // A file that is not a database fails here, at the first read of its header.
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA foreign_keys=ON");
            s.execute("PRAGMA busy_timeout=2000");
        } catch (SQLException e) {
            closeQuietly(db);
            throw new IOException(file + ": " + describe(e), e);
        }
        return db;
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            if (Files.getFileStore(file.toAbsolutePath().getParent())
                    .supportsFileAttributeView("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // An existing store keeps the permissions its owner gave it.
        }
    }

    /** The driver's message without its error-code prefix, on one line. */
    static String describe(SQLException e) {
        String text = e.getMessage() == null ? e.toString() : e.getMessage();
        if (text.startsWith("[SQLITE_") && text.indexOf("] ") > 0) {
            text = text.substring(text.indexOf("] ") + 2);
        }
        text = text.replace('\n', ' ').strip();
        if (text.contains("not a database") || text.contains("disk image is malformed")) {
            return "not a Ghost Terminal store (" + text + ")";
        }
        return text;
    }

    static void closeQuietly(Connection db) {
        try {
            db.close();
        } catch (SQLException e) {
            // Closing after another failure: that one is the one to report.
        }
    }
}
