package dev.ghostmesh.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.MeshListener;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.internal.store.MemoryMessageStore;
import dev.ghostmesh.local.ManualClock;
import dev.ghostmesh.spi.MessageStore;
import dev.ghostmesh.spi.StoreLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Showing goes through the history: kept first, in one batch per turn of the loop, then raised
 * once per message id and before any later event; a failing store does not silence the chat;
 * expiry follows the node's clock.
 */
class HistoryTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final Counters counters = new Counters();
    private final ListenerBus listeners = new ListenerBus(Runnable::run);
    private final List<String> events = new ArrayList<>();
    /** The node loop's queue: tasks run when the test says. */
    private final ArrayDeque<Runnable> loop = new ArrayDeque<>();

    HistoryTest() {
        listeners.add(new MeshListener() {
            @Override
            public void onMessage(Message m) {
                events.add(m.text());
            }

            @Override
            public void onPeerConnected(PeerInfo peer) {
                events.add("connected");
            }
        });
    }

    private History history(MessageStore store) {
        return new History(store, clock, counters, listeners, loop::add, () -> true);
    }

    private void runLoop() {
        while (!loop.isEmpty()) {
            loop.poll().run();
        }
    }

    private static Message message(String text) {
        byte[] id = new byte[NodeId.LENGTH];
        id[0] = 9;
        return new Message(MessageId.random(), MessageKind.BROADCAST, NodeId.of(id), "alice",
                Optional.empty(), Optional.empty(), text, Instant.EPOCH, 1);
    }

    /** Counts the batches it is given. */
    private static final class CountingStore implements MessageStore {
        final MemoryMessageStore inner = new MemoryMessageStore(StoreLimits.MEMORY_DEFAULT);
        final List<Integer> batches = new ArrayList<>();
        boolean broken;

        @Override
        public boolean[] addAll(List<HistoryEntry> entries) {
            if (broken) {
                throw new IllegalStateException("disk full");
            }
            batches.add(entries.size());
            return inner.addAll(entries);
        }

        @Override
        public List<HistoryEntry> query(HistoryQuery query) {
            return inner.query(query);
        }

        @Override
        public int expire(Instant now) {
            return inner.expire(now);
        }

        @Override
        public long size() {
            return inner.size();
        }

        @Override
        public void close() {}
    }

    @Test
    void aTurnOfTheLoopIsKeptAsOneBatchThenShownOnceInOrder() {
        CountingStore store = new CountingStore();
        History history = history(store);
        Message a = message("a");
        history.show(a, true);
        history.show(message("b"), false);
        history.show(a, false); // a second copy in the same turn
        assertEquals(List.of(), events, "nothing shown before it is kept");
        runLoop();
        assertEquals(List.of(3), store.batches);
        assertEquals(List.of("a", "b"), events);
        assertEquals(2, counters.delivered.get());
        assertEquals(1, counters.duplicates.get());
        history.show(a, false);
        runLoop();
        assertEquals(List.of("a", "b"), events, "kept before: not shown again");
        assertEquals(new HistoryEntry(a.asLate(), Instant.parse("2026-12-01T00:00:00Z"), true),
                history.query(HistoryQuery.latest(10)).get(0));
    }

    @Test
    void aLaterEventWaitsForTheMessagesShownBeforeIt() {
        History history = history(new CountingStore());
        history.show(message("hello"), false);
        listeners.publish(l -> l.onPeerConnected(null));
        assertEquals(List.of("hello", "connected"), events);
    }

    @Test
    void whatThisNodeSentIsKeptButNotRaised() {
        History history = history(new CountingStore());
        Message mine = message("mine");
        history.sent(mine);
        runLoop();
        assertEquals(List.of(), events);
        assertEquals(mine, history.query(HistoryQuery.latest(1)).get(0).message());
    }

    @Test
    void aFailingStoreDoesNotSilenceTheChat() {
        CountingStore store = new CountingStore();
        store.broken = true;
        History history = history(store);
        history.show(message("still shown"), false);
        runLoop();
        assertEquals(List.of("still shown"), events);
    }

    @Test
    void closingKeepsWhatIsStillPending() {
        CountingStore store = new CountingStore();
        History history = history(store);
        history.show(message("last words"), false);
        history.close(); // the loop has stopped: its queued flush never runs
        assertEquals(1, store.inner.size());
    }

    @Test
    void expiryFollowsTheNodesClock() {
        StoreLimits hour = new StoreLimits(100, 1L << 20, 100, Duration.ofHours(1));
        History history = history(new MemoryMessageStore(hour));
        history.show(message("old"), false);
        runLoop();
        clock.advance(Duration.ofMinutes(59));
        history.show(message("new"), false);
        runLoop();
        history.expire();
        assertEquals(2, history.query(HistoryQuery.latest(10)).size());
        clock.advance(Duration.ofMinutes(2));
        history.expire();
        assertEquals(List.of("new"), history.query(HistoryQuery.latest(10)).stream()
                .map(e -> e.message().text()).toList());
    }
}
