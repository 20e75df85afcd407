package dev.ghostmesh.internal.store;

import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.spi.MessageStore;
import dev.ghostmesh.spi.StoreLimits;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default {@link MessageStore}: the history in memory, lost when the process ends. Entries
 * are kept in the order they were added, which is the order they were received, so the oldest
 * entry of the store is also the oldest of its sender, and every eviction is O(1).
 *
 * <p>Threading: confined to the node thread, as the SPI says.
 */
public final class MemoryMessageStore implements MessageStore {
    private final StoreLimits limits;
    private final LinkedHashMap<MessageId, HistoryEntry> entries = new LinkedHashMap<>();
    private final Map<NodeId, ArrayDeque<MessageId>> bySender = new HashMap<>();
    private long bytes;

    public MemoryMessageStore(StoreLimits limits) {
        this.limits = limits;
    }

    @Override
    public boolean[] addAll(List<HistoryEntry> batch) {
        boolean[] kept = new boolean[batch.size()];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = addOne(batch.get(i));
        }
        return kept;
    }

    private boolean addOne(HistoryEntry entry) {
        MessageId id = entry.message().id();
        if (entries.containsKey(id)) {
            return false;
        }
        NodeId sender = entry.message().sender();
        ArrayDeque<MessageId> own = bySender.get(sender);
        if (own != null && own.size() >= limits.maxPerSender()) {
            remove(own.peekFirst());
        }
        while (!entries.isEmpty() && (entries.size() >= limits.maxMessages()
                || bytes + entry.size() > limits.maxBytes())) {
            remove(entries.keySet().iterator().next());
        }
        entries.put(id, entry);
        bySender.computeIfAbsent(sender, s -> new ArrayDeque<>()).addLast(id);
        bytes += entry.size();
        return true;
    }

    private void remove(MessageId id) {
        HistoryEntry e = entries.remove(id);
        NodeId sender = e.message().sender();
        ArrayDeque<MessageId> own = bySender.get(sender);
        own.remove(id); // the head in all but odd cases: entries are added in order
        if (own.isEmpty()) {
            bySender.remove(sender);
        }
        bytes -= e.size();
    }

    @Override
    public List<HistoryEntry> query(HistoryQuery query) {
        List<HistoryEntry> all = new ArrayList<>(entries.values());
        List<HistoryEntry> out = new ArrayList<>(Math.min(query.limit(), all.size()));
        for (int i = all.size() - 1; i >= 0 && out.size() < query.limit(); i--) {
            if (query.matches(all.get(i))) {
                out.add(all.get(i));
            }
        }
        Collections.reverse(out);
        return out;
    }

    @Override
    public int expire(Instant now) {
        Instant cutoff = now.minus(limits.maxAge());
        int removed = 0;
        // In received order: the first entry that is new enough ends it.
        while (!entries.isEmpty()) {
            HistoryEntry oldest = entries.values().iterator().next();
            if (oldest.receivedAt().isAfter(cutoff)) {
                break;
            }
            remove(oldest.message().id());
            removed++;
        }
        return removed;
    }

    @Override
    public long size() {
        return entries.size();
    }

    @Override
    public void close() {
        entries.clear();
        bySender.clear();
        bytes = 0;
    }
}
