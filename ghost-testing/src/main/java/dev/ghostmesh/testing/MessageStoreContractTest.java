package dev.ghostmesh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.spi.MessageStore;
import dev.ghostmesh.spi.StoreLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageStore} must do, whatever keeps the entries: a store author extends
 * this and says how to open the store. Duplicates are refused, queries answer the newest
 * matching entries oldest first, and each bound holds with the oldest entries going first, a
 * sender's own before anyone else's.
 *
 * <p>Threading: each test runs on the JUnit thread, which stands in for the node thread.
 */
public abstract class MessageStoreContractTest {
    /** The time the first entry is received at. */
    protected static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    /** The store's own node and three others. */
    protected static final NodeId SELF = node(1);
    protected static final NodeId ALICE = node(2);
    protected static final NodeId BOB = node(3);
    protected static final NodeId MALLORY = node(4);
    private static final StoreLimits ROOMY = new StoreLimits(1_000, 1L << 20, 1_000,
            Duration.ofDays(7));

    private final Random random = new Random(7);
    private final List<MessageStore> opened = new ArrayList<>();
    private long clock;

    /** For subclasses, which say how to open their store. */
    protected MessageStoreContractTest() {}

    /** A new, empty store with {@code limits}. */
    protected abstract MessageStore create(StoreLimits limits) throws Exception;

    /** A store from {@link #create}, closed after the test. */
    protected MessageStore open(StoreLimits limits) throws Exception {
        MessageStore s = create(limits);
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(MessageStore::close);
    }

    /** A node id whose first byte is {@code n}. */
    protected static NodeId node(int n) {
        byte[] b = new byte[NodeId.LENGTH];
        b[0] = (byte) n;
        return NodeId.of(b);
    }

    /** A broadcast from {@code sender}, received one second after the previous entry. */
    protected HistoryEntry broadcast(NodeId sender, String text) {
        return entry(MessageKind.BROADCAST, sender, Optional.empty(), Optional.empty(), text);
    }

    /** A message of {@code kind}, received one second after the previous entry. */
    protected HistoryEntry entry(MessageKind kind, NodeId sender, Optional<NodeId> target,
            Optional<GroupName> group, String text) {
        clock++;
        Instant at = T0.plusSeconds(clock);
        Message m = new Message(MessageId.random(random), kind, sender, "name-" + sender
                .shortHex(), target, group, text, at.minusMillis(250), 2);
        return new HistoryEntry(m, at, clock % 5 == 0);
    }

    private static List<String> texts(List<HistoryEntry> entries) {
        return entries.stream().map(e -> e.message().text()).toList();
    }

    @Test
    void anEntryComesBackAsItWasAddedAndItsIdOnlyOnce() throws Exception {
        MessageStore store = open(ROOMY);
        HistoryEntry e = entry(MessageKind.GROUP, ALICE, Optional.empty(),
                Optional.of(GroupName.of("Dev")), "héllo 👋");
        assertTrue(store.add(e));
        assertFalse(store.add(e), "the same message id again");
        assertFalse(store.add(new HistoryEntry(e.message(), e.receivedAt().plusSeconds(9),
                true)), "the same id, received again later");
        assertEquals(List.of(e), store.query(HistoryQuery.latest(10)));
        assertEquals(1, store.size());
    }

    @Test
    void aBatchIsKeptInOrderAndItsDuplicatesAreReported() throws Exception {
        MessageStore store = open(ROOMY);
        HistoryEntry first = broadcast(ALICE, "one");
        store.add(first);
        HistoryEntry second = broadcast(BOB, "two");
        HistoryEntry third = broadcast(ALICE, "three");
        boolean[] kept = store.addAll(List.of(second, first, third, second));
        assertEquals(List.of(true, false, true, false), List.of(kept[0], kept[1], kept[2],
                kept[3]), "new, kept before, new, earlier in the batch");
        assertEquals(List.of("one", "two", "three"), texts(store.query(HistoryQuery.latest(9))));
        assertEquals(0, store.addAll(List.of()).length);
    }

    @Test
    void aQueryGivesTheNewestMatchesOldestFirst() throws Exception {
        MessageStore store = open(ROOMY);
        GroupName dev = GroupName.of("dev");
        List<HistoryEntry> all = List.of(
                broadcast(ALICE, "b1"),
                entry(MessageKind.PRIVATE, ALICE, Optional.of(SELF), Optional.empty(), "p1"),
                entry(MessageKind.GROUP, BOB, Optional.empty(), Optional.of(dev), "g1"),
                entry(MessageKind.PRIVATE, SELF, Optional.of(ALICE), Optional.empty(), "p2"),
                entry(MessageKind.PRIVATE, BOB, Optional.of(SELF), Optional.empty(), "p3"),
                entry(MessageKind.GROUP, ALICE, Optional.empty(),
                        Optional.of(GroupName.of("ops")), "g2"),
                broadcast(SELF, "b2"),
                entry(MessageKind.GROUP, SELF, Optional.empty(), Optional.of(GroupName.of("DEV")),
                        "g3"));
        all.forEach(store::add);

        assertEquals(List.of("b1", "p1", "g1", "p2", "p3", "g2", "b2", "g3"),
                texts(store.query(HistoryQuery.latest(100))));
        assertEquals(List.of("g2", "b2", "g3"), texts(store.query(HistoryQuery.latest(3))));
        assertEquals(List.of("b1", "b2"), texts(store.query(HistoryQuery.latest(9).broadcasts())));
        assertEquals(List.of("g1", "g3"), texts(store.query(HistoryQuery.latest(9).group(dev))),
                "group names match as the mesh matches them");
        assertEquals(List.of("p1", "p2"),
                texts(store.query(HistoryQuery.latest(9).conversationWith(ALICE))),
                "both directions of one conversation, nobody else's");
        assertEquals(List.of("p3"), texts(store.query(HistoryQuery.latest(1)
                .conversationWith(BOB))));
        Instant fourth = all.get(3).receivedAt();
        assertEquals(List.of("p1", "g1"), texts(store.query(HistoryQuery.latest(2)
                .before(fourth))), "the page before the fourth entry");
    }

    @Test
    void aSenderOverItsQuotaPushesOutOnlyItsOwnOldestEntries() throws Exception {
        MessageStore store = open(new StoreLimits(100, 1L << 20, 10, Duration.ofDays(7)));
        for (int i = 0; i < 5; i++) {
            store.add(broadcast(ALICE, "alice " + i));
        }
        for (int i = 0; i < 1_000; i++) {
            store.add(broadcast(MALLORY, "spam " + i));
        }
        List<String> left = texts(store.query(HistoryQuery.latest(100)));
        assertEquals(15, left.size(), "" + left);
        assertEquals(List.of("alice 0", "alice 1", "alice 2", "alice 3", "alice 4"),
                left.subList(0, 5), "nothing of alice's went");
        assertEquals("spam 990", left.get(5), "mallory keeps her newest 10");
        assertEquals("spam 999", left.get(14));
    }

    @Test
    void aFullStoreDropsItsOldestEntriesFirst() throws Exception {
        MessageStore store = open(new StoreLimits(20, 1L << 20, 20, Duration.ofDays(7)));
        for (int i = 0; i < 50; i++) {
            store.add(broadcast(i % 2 == 0 ? ALICE : BOB, "m" + i));
        }
        assertEquals(20, store.size());
        List<String> left = texts(store.query(HistoryQuery.latest(100)));
        assertEquals("m30", left.get(0));
        assertEquals("m49", left.get(19));
    }

    @Test
    void theByteBoundHoldsWithTheLongestTexts() throws Exception {
        long bound = 64 * 1024;
        MessageStore store = open(new StoreLimits(1_000, bound, 1_000, Duration.ofDays(7)));
        String big = "x".repeat(16_000);
        long total = 0;
        for (int i = 0; i < 12; i++) {
            store.add(broadcast(ALICE, i + big));
        }
        List<HistoryEntry> left = store.query(HistoryQuery.latest(1_000));
        for (HistoryEntry e : left) {
            total += e.size();
        }
        assertTrue(total <= bound, total + " bytes kept");
        // Each entry is 128 + 16,002 bytes: four fit in 64 KiB, a fifth would not.
        assertEquals(4, left.size(), "as many of the newest as fit");
        assertTrue(left.get(3).message().text().startsWith("11"));
        assertTrue(left.get(0).message().text().startsWith("8"));
    }

    @Test
    void expiryDropsWhatIsOlderThanMaxAgeAndNothingElse() throws Exception {
        MessageStore store = open(new StoreLimits(1_000, 1L << 20, 1_000, Duration.ofSeconds(30)));
        for (int i = 0; i < 60; i++) {
            store.add(broadcast(ALICE, "m" + i)); // received at T0 + 1 s .. T0 + 60 s
        }
        assertEquals(0, store.expire(T0.plusSeconds(30)), "nothing is 30 s old yet");
        assertEquals(10, store.expire(T0.plusSeconds(40)));
        assertEquals(50, store.size());
        assertEquals("m10", store.query(HistoryQuery.latest(1_000)).get(0).message().text());
    }
}
