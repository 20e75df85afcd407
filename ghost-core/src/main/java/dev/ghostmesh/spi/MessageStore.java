package dev.ghostmesh.spi;

import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import java.time.Instant;
import java.util.List;

/**
 * Where a node keeps the messages it showed and sent: its history, registered with
 * {@code MeshNode.Builder.store}. The default keeps them in memory, bounded; the
 * {@code ghost-store-sqlite} module keeps them in a file across restarts.
 *
 * <p>A store enforces its own {@link StoreLimits}: at most {@code maxMessages} entries and
 * {@code maxBytes} of them in all, at most {@code maxPerSender} from one sender (so no node can
 * fill another's history with its own messages), none older than {@code maxAge}. When an entry
 * would pass a bound, the oldest entries it competes with go: the sender's own first, then the
 * store's.
 *
 * <p>Threading: the node calls {@link #add}, {@link #query} and {@link #expire} on its node
 * thread, one at a time, and {@link #close} once after its node thread stopped. Each call
 * should take at most a local disk write's time: the node handles no packet meanwhile.
 */
public interface MessageStore extends AutoCloseable {
    /**
     * Keeps {@code entry}; returns false if an entry with the same message id is kept already
     * (the message is then not shown twice). When this returns true the entry survives the
     * process being killed, if the store keeps anything across restarts at all.
     */
    default boolean add(HistoryEntry entry) {
        return addAll(List.of(entry))[0];
    }

    /**
     * Keeps {@code entries}, in order, as one unit (one transaction on disk); returns for each
     * whether it was kept or was a duplicate, of an entry kept before or earlier in the list.
     * When this returns, all of them survive the process being killed, if the store keeps
     * anything across restarts at all. The node calls this with what it showed in one turn of
     * its loop.
     */
    boolean[] addAll(List<HistoryEntry> entries);

    /** The newest entries matching {@code query}, at most its limit, oldest first. */
    List<HistoryEntry> query(HistoryQuery query);

    /** Drops entries received {@code maxAge} or longer before {@code now}; returns how many. */
    int expire(Instant now);

    /** Entries kept now. */
    long size();

    /** Releases the store's resources; idempotent. */
    @Override
    void close();
}
