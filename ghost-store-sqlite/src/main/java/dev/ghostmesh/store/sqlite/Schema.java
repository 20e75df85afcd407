package dev.ghostmesh.store.sqlite;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The versioned schema. {@code PRAGMA user_version} holds the number of migrations applied;
 * opening applies the missing ones in order, each in one transaction with the version bump, so
 * a crash mid-migration leaves the previous version. Migrations are only ever appended.
 * Stateless.
 */
final class Schema {
    /** Migration {@code i} takes the schema from version {@code i} to {@code i + 1}. */
    static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE history (
                row_id INTEGER PRIMARY KEY AUTOINCREMENT,
                id BLOB NOT NULL UNIQUE,
                kind INTEGER NOT NULL,
                sender BLOB NOT NULL,
                sender_name TEXT NOT NULL,
                target BLOB,
                group_name TEXT,
                group_key TEXT,
                text TEXT NOT NULL,
                sent_at_nanos INTEGER NOT NULL,
                received_at_nanos INTEGER NOT NULL,
                hops INTEGER NOT NULL,
                late INTEGER NOT NULL,
                size INTEGER NOT NULL)""",
            "CREATE INDEX history_by_sender ON history (sender, row_id)",
            "CREATE INDEX history_by_received ON history (received_at_nanos)",
            // Partial: a broadcast, the common case, pays for neither.
            "CREATE INDEX history_by_group ON history (group_key, row_id)"
                    + " WHERE group_key IS NOT NULL",
            "CREATE INDEX history_by_target ON history (target, row_id) WHERE target IS NOT NULL"));

    /** The version this code writes. */
    static final int VERSION = MIGRATIONS.size();

    private Schema() {}

    static void migrate(Connection db, Path file) throws SQLException, IOException {
        int version = version(db);
        if (version > VERSION) {
            throw new IOException(file + ": written by a newer Ghost Terminal (store schema "
                    + version + ", this version knows up to " + VERSION + ")");
        }
        for (int v = version; v < VERSION; v++) {
            db.setAutoCommit(false);
            try (Statement s = db.createStatement()) {
                for (String sql : MIGRATIONS.get(v)) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + (v + 1));
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        }
    }

    static int version(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("PRAGMA user_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }
}
