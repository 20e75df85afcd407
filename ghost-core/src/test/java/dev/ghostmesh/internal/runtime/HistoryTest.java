package dev.ghostmesh.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.MeshListener;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.store.MemoryMessageStore;
import dev.ghostmesh.local.ManualClock;
import dev.ghostmesh.spi.MessageStore;
import dev.ghostmesh.spi.StoreLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Showing goes through the history: kept first, then raised once per message id; a failing
 * store does not silence the chat; expiry follows the node's clock.
 */
class HistoryTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final Counters counters = new Counters();
    private final ListenerBus listeners = new ListenerBus(Runnable::run);
    private final List<Message> shown = new ArrayList<>();

    HistoryTest() {
        listeners.add(new MeshListener() {
            @Override
            public void onMessage(Message m) {
                shown.add(m);
            }
        });
    }

    private static Message message(String text) {
        byte[] id = new byte[NodeId.LENGTH];
        id[0] = 9;
        return new Message(MessageId.random(), MessageKind.BROADCAST, NodeId.of(id), "alice",
                Optional.empty(), Optional.empty(), text, Instant.EPOCH, 1);
    }

    @Test
    void aMessageIdIsShownOnceAndKeptWithTheTimeItArrivedAndItsLateness() {
        MessageStore store = new MemoryMessageStore(StoreLimits.MEMORY_DEFAULT);
        History history = new History(store, clock, counters, listeners);
        Message m = message("hi");
        assertTrue(history.show(m, true));
        clock.advance(Duration.ofSeconds(5));
        assertFalse(history.show(m, false), "the same id again: already shown");
        assertEquals(List.of(m), shown);
        assertEquals(1, counters.delivered.get());
        assertEquals(1, counters.duplicates.get());
        List<HistoryEntry> kept = history.query(HistoryQuery.latest(10));
        assertEquals(List.of(new HistoryEntry(m, Instant.parse("2026-12-01T00:00:00Z"), true)),
                kept);
    }

    @Test
    void whatThisNodeSentIsKeptButNotRaised() {
        History history = new History(new MemoryMessageStore(StoreLimits.MEMORY_DEFAULT), clock,
                counters, listeners);
        Message mine = message("mine");
        history.sent(mine);
        assertEquals(List.of(), shown);
        assertEquals(mine, history.query(HistoryQuery.latest(1)).get(0).message());
    }

    @Test
    void aFailingStoreDoesNotSilenceTheChat() {
        MessageStore broken = new MessageStore() {
            @Override
            public boolean add(HistoryEntry entry) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public List<HistoryEntry> query(HistoryQuery query) {
                return List.of();
            }

            @Override
            public int expire(Instant now) {
                return 0;
            }

            @Override
            public long size() {
                return 0;
            }

            @Override
            public void close() {}
        };
        History history = new History(broken, clock, counters, listeners);
        Message m = message("still shown");
        assertTrue(history.show(m, false));
        assertEquals(List.of(m), shown);
    }

    @Test
    void expiryFollowsTheNodesClock() {
        StoreLimits hour = new StoreLimits(100, 1L << 20, 100, Duration.ofHours(1));
        History history = new History(new MemoryMessageStore(hour), clock, counters, listeners);
        history.show(message("old"), false);
        clock.advance(Duration.ofMinutes(59));
        history.show(message("new"), false);
        history.expire();
        assertEquals(2, history.query(HistoryQuery.latest(10)).size());
        clock.advance(Duration.ofMinutes(2));
        history.expire();
        assertEquals(List.of("new"), history.query(HistoryQuery.latest(10)).stream()
                .map(e -> e.message().text()).toList());
    }
}
