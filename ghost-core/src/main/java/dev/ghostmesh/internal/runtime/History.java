package dev.ghostmesh.internal.runtime;

import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.Message;
import dev.ghostmesh.spi.MeshClock;
import dev.ghostmesh.spi.MessageStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a node shows a chat message: kept in its {@link MessageStore} first, then raised
 * to the listeners, so a message in the history was shown and one shown is in the history, and
 * a message id is shown once however many copies arrive (catch-up, a retry, a restart that
 * meets old packets again). A store that fails does not silence the chat: the message is shown
 * all the same and the failure logged.
 *
 * <p>Messages are kept in batches: what one turn of the node loop shows goes to the store as
 * one {@link MessageStore#addAll} (one transaction on disk), at the end of the turn or before
 * any other listener event, whichever comes first, so events keep their order. A store on disk
 * commits a few hundred microseconds per transaction; per message, that would cap a node at a
 * few thousand messages a second.
 *
 * <p>Threading: node thread only, like the store; {@link #close} after it stopped.
 */
public final class History {
    private static final Logger log = LoggerFactory.getLogger(History.class);

    private record Pending(HistoryEntry entry, boolean show) {}

    private final MessageStore store;
    private final MeshClock clock;
    private final Counters counters;
    private final ListenerBus listeners;
    private final Executor later;
    private final BooleanSupplier onNodeThread;
    private List<Pending> pending = new ArrayList<>();
    /** True while catch-up delivers: what is shown meanwhile arrived late. */
    private boolean catchingUp;
    private long failures;

    /**
     * {@code later} runs a flush after the tasks the node thread has queued; {@code onNodeThread}
     * tells whether the caller is that thread (only it may flush).
     */
    History(MessageStore store, MeshClock clock, Counters counters, ListenerBus listeners,
            Executor later, BooleanSupplier onNodeThread) {
        this.store = store;
        this.clock = clock;
        this.counters = counters;
        this.listeners = listeners;
        this.later = later;
        this.onNodeThread = onNodeThread;
        listeners.beforeEachEvent(() -> {
            if (onNodeThread.getAsBoolean()) {
                flush();
            }
        });
    }

    /**
     * Keeps {@code m} and then shows it, unless a message with its id was kept before (then it
     * is counted as a duplicate and not shown).
     */
    public void show(Message m, boolean late) {
        boolean isLate = late || catchingUp;
        queue(new Pending(new HistoryEntry(isLate ? m.asLate() : m, clock.instant(), isLate),
                true));
    }

    /** Runs {@code delivery}, in which every message shown arrived late, by catch-up. */
    public void late(Runnable delivery) {
        boolean before = catchingUp;
        catchingUp = true;
        try {
            delivery.run();
        } finally {
            catchingUp = before;
        }
    }

    /** Keeps a message this node sent; it was shown by whoever sent it. */
    public void sent(Message m) {
        queue(new Pending(new HistoryEntry(m, clock.instant(), false), false));
    }

    private void queue(Pending p) {
        pending.add(p);
        if (pending.size() == 1) {
            later.execute(this::flush);
        }
    }

    /** Keeps what is pending, then raises the events of those that were new. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> batch = pending;
        pending = new ArrayList<>();
        boolean[] fresh = keep(batch);
        for (int i = 0; i < batch.size(); i++) {
            if (!batch.get(i).show()) {
                continue;
            }
            if (fresh[i]) {
                counters.delivered.incrementAndGet();
                Message m = batch.get(i).entry().message();
                listeners.publish(l -> l.onMessage(m));
            } else {
                counters.duplicates.incrementAndGet();
            }
        }
    }

    private boolean[] keep(List<Pending> batch) {
        try {
            return store.addAll(batch.stream().map(Pending::entry).toList());
        } catch (RuntimeException e) {
            if (failures++ % 1000 == 0) {
                log.warn("history store failed ({} times so far): {}", failures, e.getMessage());
            }
            boolean[] all = new boolean[batch.size()];
            Arrays.fill(all, true);
            return all;
        }
    }

    /** The entries {@code query} asks for, oldest first (after what is pending is kept). */
    public List<HistoryEntry> query(HistoryQuery query) {
        flush();
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

    /** Keeps what is still pending and closes the store; after the node thread stopped. */
    public void close() {
        try {
            flush();
            store.close();
        } catch (RuntimeException e) {
            log.warn("history store did not close cleanly: {}", e.getMessage());
        }
    }
}
