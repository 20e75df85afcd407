package dev.ghostmesh.cli;

import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.spi.MessageStore;
import dev.ghostmesh.spi.StoreLimits;
import dev.ghostmesh.store.sqlite.SqliteMessageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a session keeps its history: {@code ghost.db} in the home ({@link SqliteMessageStore},
 * {@link StoreLimits#DISK_DEFAULT}), so what the chat showed and sent survives a restart and a
 * {@code kill -9}. With {@code --no-history}, or when the file cannot be used (another
 * program's file, a newer version's, a native library that does not load), the node keeps its
 * in-memory default instead: losing the history of earlier runs must not cost the chat, and
 * the file is never rewritten, so nothing in it is lost either. The session says so once
 * ({@link #problem}).
 *
 * <p>Threading: the main thread, before the node is built and starts; the store then belongs
 * to the node, which closes it.
 */
final class HistoryStore {
    private static final Logger log = LoggerFactory.getLogger(HistoryStore.class);

    /** The file in the home. */
    static final String FILE = "ghost.db";
    /** SQLite's files beside it in WAL mode; they belong to it and go with it. */
    static final List<String> COMPANIONS = List.of(FILE + "-wal", FILE + "-shm");
    /** Entries the chat shows at start. */
    static final int START_LINES = 10;
    /** Where sqlite-jdbc unpacks its native library while a node runs. */
    static final String NATIVE_DIR = "tmp";
    private static final String NATIVE_DIR_PROPERTY = "org.sqlite.tmpdir";

    private final SqliteMessageStore store;
    private final String problem;
    private final List<HistoryEntry> recent;
    private final Map<NodeId, String> recentNames;

    private HistoryStore(SqliteMessageStore store, String problem, List<HistoryEntry> recent,
            Map<NodeId, String> recentNames) {
        this.store = store;
        this.problem = problem;
        this.recent = recent;
        this.recentNames = recentNames;
    }

    /**
     * Opens {@code home}'s store, or none ({@code noHistory}, or it cannot be used);
     * {@code self} is the node's id, whose private messages name no sender to show.
     */
    static HistoryStore open(Path home, boolean noHistory, NodeId self) {
        if (noHistory) {
            return new HistoryStore(null, null, List.of(), Map.of());
        }
        Path file = home.resolve(FILE);
        nativeDirectory(home);
        SqliteMessageStore store;
        try {
            store = SqliteMessageStore.open(file, StoreLimits.DISK_DEFAULT);
        } catch (Exception | LinkageError e) {
            // LinkageError: sqlite-jdbc's native library did not load (a noexec tmpdir, say).
            log.warn("history is not kept in {}", file, e);
            String why = e.getMessage() == null || e.getMessage().isBlank()
                    ? e.getClass().getSimpleName() : e.getMessage().strip();
            return new HistoryStore(null, why.startsWith(file.toString()) ? why
                    : file + ": " + why, List.of(), Map.of());
        }
        // Read before the node runs: the node thread owns the store from start on, and what
        // arrives after it is shown live, not as history.
        List<HistoryEntry> recent = List.of();
        Map<NodeId, String> names = Map.of();
        try {
            recent = store.query(HistoryQuery.latest(START_LINES));
            names = HistoryActions.recipientNames(recent, self, List.of(), store::query);
        } catch (RuntimeException e) {
            log.warn("cannot read the history in {}", file, e);
        }
        return new HistoryStore(store, null, recent, names);
    }

    /**
     * Points sqlite-jdbc at {@code <home>/tmp} for its native library, unless the user chose
     * a directory ({@code -Dorg.sqlite.tmpdir}). In {@code java.io.tmpdir} every node killed
     * with -9 would leave a copy (1 MB, with a lock file that keeps sqlite-jdbc from ever
     * deleting it); in the home, which one node at a time holds, each start clears what a
     * killed one left. A home is also less often mounted noexec than {@code /tmp}.
     */
    private static void nativeDirectory(Path home) {
        if (System.getProperty(NATIVE_DIR_PROPERTY) != null) {
            return;
        }
        Path dir = home.resolve(NATIVE_DIR);
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> left = Files.list(dir)) {
                    for (Path p : left.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            } else if (Files.getFileStore(home).supportsFileAttributeView("posix")) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
            System.setProperty(NATIVE_DIR_PROPERTY, dir.toString());
        } catch (IOException | UncheckedIOException e) {
            log.warn("cannot use {} for SQLite's native library; it goes to java.io.tmpdir",
                    dir, e);
        }
    }

    /** Gives the store to {@code builder}; without one the node keeps history in memory. */
    MeshNode.Builder configure(MeshNode.Builder builder) {
        return store == null ? builder : builder.store(store);
    }

    /** Closes the store when no node took it over (the build failed). */
    void abandon() {
        if (store != null) {
            store.close();
        }
    }

    /**
     * Why {@code ghost.db} is not used, one line naming the file ({@code /h/ghost.db: not a
     * Ghost Terminal store (...)}), unsanitized; null when it is, or with --no-history.
     */
    String problem() {
        return problem;
    }

    /** {@code disk}, {@code memory} (--no-history) or {@code failed} (see {@link #problem}). */
    String mode() {
        return store != null ? "disk" : problem != null ? "failed" : "memory";
    }

    /** The last {@link #START_LINES} entries of earlier runs, oldest first. */
    List<HistoryEntry> recent() {
        return recent;
    }

    /** The names of the nodes our own private messages among {@link #recent} went to. */
    Map<NodeId, String> recentNames() {
        return recentNames;
    }
}
