package dev.ghostmesh.store.sqlite;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the {@code history} table: entries to rows and back. Rows are numbered in the
 * order they were added ({@code row_id}), which is the order they were received: "oldest" is
 * the lowest number. Not thread-safe, like its store.
 */
final class HistoryRows {
    /** A row as eviction needs it. */
    record Row(long rowId, NodeId sender, long size) {}

    private static final String COLUMNS = "id, kind, sender, sender_name, target, group_name,"
            + " text, sent_at_nanos, received_at_nanos, hops, late";

    private final Connection db;
    private final PreparedStatement insert;
    private final PreparedStatement oldest;
    private final PreparedStatement oldestOf;
    private final PreparedStatement delete;

    HistoryRows(Connection db) throws SQLException {
        this.db = db;
        insert = db.prepareStatement("INSERT OR IGNORE INTO history (" + COLUMNS
                + ", group_key, size)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        oldest = db.prepareStatement(
                "SELECT row_id, sender, size FROM history ORDER BY row_id LIMIT 1");
        oldestOf = db.prepareStatement("SELECT row_id, sender, size FROM history"
                + " WHERE sender = ? ORDER BY row_id LIMIT 1");
        delete = db.prepareStatement("DELETE FROM history WHERE row_id = ?");
    }

    /** Inserts {@code e}; false if an entry with its id is there already. */
    boolean insert(HistoryEntry e) throws SQLException {
        Message m = e.message();
        insert.setBytes(1, bytes(m.id()));
        insert.setInt(2, code(m.kind()));
        insert.setBytes(3, m.sender().bytes());
        insert.setString(4, m.senderName());
        insert.setBytes(5, m.target().map(NodeId::bytes).orElse(null));
        insert.setString(6, m.group().map(GroupName::display).orElse(null));
        insert.setString(7, m.text());
        insert.setLong(8, nanos(m.sentAt()));
        insert.setLong(9, nanos(e.receivedAt()));
        insert.setInt(10, m.hops());
        insert.setInt(11, e.late() ? 1 : 0);
        insert.setString(12, m.group().map(GroupName::key).orElse(null));
        insert.setLong(13, e.size());
        return insert.executeUpdate() == 1;
    }

    Row oldest() throws SQLException {
        return row(oldest);
    }

    Row oldestOf(NodeId sender) throws SQLException {
        oldestOf.setBytes(1, sender.bytes());
        return row(oldestOf);
    }

    private static Row row(PreparedStatement s) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new SQLException("history is empty but counted as not");
            }
            return new Row(r.getLong(1), NodeId.of(r.getBytes(2)), r.getLong(3));
        }
    }

    void delete(long rowId) throws SQLException {
        delete.setLong(1, rowId);
        delete.executeUpdate();
    }

    int deleteReceivedUpTo(Instant cutoff) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "DELETE FROM history WHERE received_at_nanos <= ?")) {
            s.setLong(1, nanos(cutoff));
            return s.executeUpdate();
        }
    }

    /** The newest matching entries, newest first. */
    List<HistoryEntry> newestMatching(HistoryQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM history WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        q.kind().ifPresent(k -> {
            sql.append(" AND kind = ?");
            args.add(code(k));
        });
        q.group().ifPresent(g -> {
            sql.append(" AND group_key = ?");
            args.add(g.key());
        });
        q.peer().ifPresent(p -> {
            sql.append(" AND (sender = ? OR target = ?)");
            args.add(p.bytes());
            args.add(p.bytes());
        });
        q.before().ifPresent(b -> {
            sql.append(" AND received_at_nanos < ?");
            args.add(nanos(b));
        });
        sql.append(" ORDER BY row_id DESC LIMIT ?");
        args.add(q.limit());
        try (PreparedStatement s = db.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<HistoryEntry> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(entry(r));
                }
            }
            return out;
        }
    }

    private static HistoryEntry entry(ResultSet r) throws SQLException {
        byte[] target = r.getBytes(5);
        String group = r.getString(6);
        Message m = new Message(MessageId.of(r.getBytes(1), 0), kind(r.getInt(2)),
                NodeId.of(r.getBytes(3)), r.getString(4),
                Optional.ofNullable(target).map(NodeId::of),
                Optional.ofNullable(group).map(GroupName::of), r.getString(7),
                instant(r.getLong(8)), r.getInt(10));
        return new HistoryEntry(m, instant(r.getLong(9)), r.getInt(11) != 0);
    }

    /** Stable codes on disk, whatever the enum's order becomes. */
    private static int code(MessageKind k) {
        return switch (k) {
            case BROADCAST -> 0;
            case PRIVATE -> 1;
            case GROUP -> 2;
        };
    }

    private static MessageKind kind(int code) throws SQLException {
        return switch (code) {
            case 0 -> MessageKind.BROADCAST;
            case 1 -> MessageKind.PRIVATE;
            case 2 -> MessageKind.GROUP;
            default -> throw new SQLException("unknown message kind " + code + " in history");
        };
    }

    private static byte[] bytes(MessageId id) {
        byte[] b = new byte[MessageId.LENGTH];
        id.writeTo(b, 0);
        return b;
    }

    static long nanos(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L));
    }
}
