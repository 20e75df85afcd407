package dev.ghostmesh.store.sqlite;

import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.spi.MessageStore;
import dev.ghostmesh.spi.StoreLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's history in one SQLite file: {@code MeshNode.builder().store(SqliteMessageStore.open(
 * home.resolve("ghost.db"), StoreLimits.DISK_DEFAULT))}. The file is created readable by its
 * owner only (mode 0600 where the file system has POSIX permissions) and written in WAL mode:
 * each {@link #addAll} is one transaction, committed before it returns, so an entry the node
 * showed survives the process being killed ({@code kill -9}; a power cut may lose the last
 * ones, {@code synchronous=NORMAL}). The schema carries its version ({@code user_version}) and
 * is migrated forward on open; a file from a newer version is refused, never rewritten.
 *
 * <p>The bounds of {@link StoreLimits} hold across restarts: counts and sizes are loaded on
 * open, and each add evicts, in the same transaction, what the new entry pushes out.
 *
 * <p>Threading: not thread-safe; the node calls it on its node thread only (see
 * {@link MessageStore}), and {@link #close} after that thread stopped.
 */
public final class SqliteMessageStore implements MessageStore {
    private final Connection db;
    private final StoreLimits limits;
    private final Map<NodeId, Integer> perSender = new HashMap<>();
    private final HistoryRows rows;
    private long count;
    private long bytes;
    private boolean closed;

    private SqliteMessageStore(Connection db, StoreLimits limits) throws SQLException {
        this.db = db;
        this.limits = limits;
        this.rows = new HistoryRows(db);
        loadTotals();
    }

    /**
     * Opens (creating it if need be) the store in {@code file}. Callable from any thread.
     *
     * @throws IOException with a one-line message naming the file if it cannot be created,
     *     is not a database, or was written by a newer version
     */
    public static SqliteMessageStore open(Path file, StoreLimits limits) throws IOException {
        Connection db = Database.open(file);
        try {
            Schema.migrate(db, file);
            return new SqliteMessageStore(db, limits);
        } catch (SQLException e) {
            Database.closeQuietly(db);
            throw new IOException(file + ": " + Database.describe(e), e);
        } catch (IOException | RuntimeException e) {
            Database.closeQuietly(db);
            throw e;
        }
    }

    private void loadTotals() throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "SELECT sender, COUNT(*), SUM(size) FROM history GROUP BY sender");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                int n = r.getInt(2);
                perSender.put(NodeId.of(r.getBytes(1)), n);
                count += n;
                bytes += r.getLong(3);
            }
        }
    }

    @Override
    public boolean[] addAll(List<HistoryEntry> entries) {
        boolean[] kept = new boolean[entries.size()];
        try {
            db.setAutoCommit(false);
            try {
                for (int i = 0; i < kept.length; i++) {
                    kept[i] = insert(entries.get(i));
                }
                db.commit();
                return kept;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                reloadTotals();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("history store: "
                    + Database.describe(e), e));
        }
    }

    private boolean insert(HistoryEntry entry) throws SQLException {
        if (!rows.insert(entry)) {
            return false; // a duplicate id: nothing changed
        }
        NodeId sender = entry.message().sender();
        perSender.merge(sender, 1, Integer::sum);
        count++;
        bytes += entry.size();
        // Evicted after the insert, in the same transaction, so a duplicate costs no lookup;
        // the new entry is the newest, so it is never the one that goes.
        if (perSender.get(sender) > limits.maxPerSender()) {
            evict(rows.oldestOf(sender));
        }
        while (count > limits.maxMessages() || bytes > limits.maxBytes()) {
            evict(rows.oldest());
        }
        return true;
    }

    private void evict(HistoryRows.Row row) throws SQLException {
        rows.delete(row.rowId());
        perSender.computeIfPresent(row.sender(), (s, n) -> n > 1 ? n - 1 : null);
        count--;
        bytes -= row.size();
    }

    private void reloadTotals() {
        perSender.clear();
        count = 0;
        bytes = 0;
        try {
            loadTotals();
        } catch (SQLException e) {
            // The add that failed reports the problem; the next one tries again.
        }
    }

    @Override
    public List<HistoryEntry> query(HistoryQuery query) {
        try {
            List<HistoryEntry> out = new ArrayList<>(rows.newestMatching(query));
            Collections.reverse(out);
            return out;
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("history store: "
                    + Database.describe(e), e));
        }
    }

    @Override
    public int expire(Instant now) {
        try {
            int removed = rows.deleteReceivedUpTo(now.minus(limits.maxAge()));
            if (removed > 0) {
                reloadTotals();
            }
            return removed;
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("history store: "
                    + Database.describe(e), e));
        }
    }

    @Override
    public long size() {
        return count;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Database.closeQuietly(db);
        }
    }
}
