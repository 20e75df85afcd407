package dev.ghostmesh.transport.lan;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peers heard recently, keyed by (claimed id, address), bounded in size and age. It decides
 * when a peer is reported: on first sight, then at most once per interval, so a node repeating
 * its beacon (or an attacker replaying one) cannot make the core dial more often than that.
 *
 * <p>Threading: the node's loop (where the discovery runs) calls {@link #observe} and
 * {@link #expire}; any thread may call {@link #snapshot} (and {@link #expire}, for
 * {@link LanDiscovery#peers()}). One monitor guards the map; it is held only for map operations.
 */
final class PeerTable {
    private final int maxPeers;
    private final long reportEveryNanos;
    private final long expireAfterNanos;
    // Access order: every observation moves an entry to the tail, so the head is always the
    // least recently seen entry, the one to evict or expire first.
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);

    private record Key(NodeId id, PeerAddress address) {
    }

    private static final class Entry {
        long seen;
        long reported;

        Entry(long now) {
            seen = now;
            reported = now;
        }
    }

    PeerTable(int maxPeers, long reportEveryNanos, long expireAfterNanos) {
        this.maxPeers = maxPeers;
        this.reportEveryNanos = reportEveryNanos;
        this.expireAfterNanos = expireAfterNanos;
    }

    /**
     * Records a beacon heard at {@code nowNanos}; true if the caller should report it now (the
     * entry is new, or was last reported at least one interval ago).
     */
    synchronized boolean observe(NodeId id, PeerAddress address, long nowNanos) {
        Key key = new Key(id, address);
        Entry e = entries.get(key);
        if (e != null) {
            e.seen = nowNanos;
            if (nowNanos - e.reported >= reportEveryNanos) {
                e.reported = nowNanos;
                return true;
            }
            return false;
        }
        if (entries.size() >= maxPeers) {
            Iterator<Entry> eldest = entries.values().iterator();
            eldest.next();
            eldest.remove();
        }
        entries.put(key, new Entry(nowNanos));
        return true;
    }

    /** Drops entries not seen for the expiry age; cost is proportional to what expires. */
    synchronized void expire(long nowNanos) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            if (nowNanos - it.next().seen < expireAfterNanos) {
                return;
            }
            it.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    /** The entries, least recently seen first, with wall-clock times derived from {@code now}. */
    synchronized List<DiscoveredPeer> snapshot(long nowNanos, Instant now) {
        List<DiscoveredPeer> out = new ArrayList<>(entries.size());
        for (Map.Entry<Key, Entry> e : entries.entrySet()) {
            out.add(new DiscoveredPeer(e.getKey().id(), e.getKey().address(),
                    now.minusNanos(nowNanos - e.getValue().seen)));
        }
        return out;
    }
}
