package dev.ghostmesh.internal.runtime;

import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.Message;
import dev.ghostmesh.spi.MeshClock;
import dev.ghostmesh.spi.MessageStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a node shows a chat message: kept in its {@link MessageStore} first, then raised
 * to the listeners, so a message in the history was shown and one shown is in the history, and
 * a message id is shown once however many copies arrive (catch-up, a retry, a restart that
 * meets old packets again). A store that fails does not silence the chat: the message is shown
 * all the same and the failure logged.
 *
 * <p>Threading: node thread only, like the store; {@link #close} after it stopped.
 */
public final class History {
    private static final Logger log = LoggerFactory.getLogger(History.class);

    private final MessageStore store;
    private final MeshClock clock;
    private final Counters counters;
    private final ListenerBus listeners;
    private long failures;

    History(MessageStore store, MeshClock clock, Counters counters, ListenerBus listeners) {
        this.store = store;
        this.clock = clock;
        this.counters = counters;
        this.listeners = listeners;
    }

    /**
     * Keeps {@code m} and shows it; false (and nothing shown) if a message with its id was
     * kept before.
     */
    public boolean show(Message m, boolean late) {
        if (!keep(m, late)) {
            counters.duplicates.incrementAndGet();
            return false;
        }
        counters.delivered.incrementAndGet();
        listeners.publish(l -> l.onMessage(m));
        return true;
    }

    /** Keeps a message this node sent; it was shown by whoever sent it. */
    public void sent(Message m) {
        keep(m, false);
    }

    private boolean keep(Message m, boolean late) {
        try {
            return store.add(new HistoryEntry(m, clock.instant(), late));
        } catch (RuntimeException e) {
            if (failures++ % 1000 == 0) {
                log.warn("history store failed ({} times so far): {}", failures, e.getMessage());
            }
            return true;
        }
    }

    /** The entries {@code query} asks for, oldest first. */
    public List<HistoryEntry> query(HistoryQuery query) {
        return store.query(query);
    }

    /** Drops entries past the store's age bound. */
    public void expire() {
        try {
            int n = store.expire(clock.instant());
            if (n > 0) {
                log.debug("history: {} entries expired", n);
            }
        } catch (RuntimeException e) {
            log.warn("history store could not expire entries: {}", e.getMessage());
        }
    }

    /** Closes the store; after the node thread stopped. */
    public void close() {
        try {
            store.close();
        } catch (RuntimeException e) {
            log.warn("history store did not close cleanly: {}", e.getMessage());
        }
    }
}
