package dev.ghostmesh.internal.sync;

import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.Packet;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recent message packets a node accepted, kept as received (signed by their origins) so it
 * can hand them to a neighbour that missed them (catch-up after a partition or downtime). Per
 * origin, by sequence number: at most {@code perOrigin} of the newest; in all at most
 * {@code maxPackets} and {@code maxBytes}, the oldest added going first; none older than the
 * window, by the origin's timestamp.
 *
 * <p>Both ends of a link describe what they hold for the same window with {@link #summary}: per
 * origin the count, the highest sequence number and a digest, the XOR of the first 8 bytes of
 * SHA-256(origin ‖ seq ‖ id) over the packets (order-free, kept per packet). Equal summaries
 * mean equal sets, so only origins whose summaries differ need their sequence numbers compared.
 *
 * <p>Threading: confined to the node thread.
 */
public final class SyncLog {
    /** What one origin's packets in a window come to. */
    public record OriginSummary(NodeId origin, int count, long maxSeq, long digest) {}

    private record Entry(byte[] frame, MessageId id, long timestamp, long hash) {}

    private record Added(NodeId origin, long seq) {}

    private final int perOrigin;
    private final int maxPackets;
    private final long maxBytes;
    private final Map<NodeId, TreeMap<Long, Entry>> byOrigin = new HashMap<>();
    private final ArrayDeque<Added> order = new ArrayDeque<>();
    private int count;
    private long bytes;

    public SyncLog(int perOrigin, int maxPackets, long maxBytes) {
        this.perOrigin = perOrigin;
        this.maxPackets = maxPackets;
        this.maxBytes = maxBytes;
    }

    /** Keeps {@code p}; false if a packet of its origin with its sequence number is kept. */
    public boolean add(Packet p) {
        TreeMap<Long, Entry> mine = byOrigin.computeIfAbsent(p.origin(), o -> new TreeMap<>());
        if (mine.containsKey(p.seq())) {
            return false;
        }
        if (mine.size() >= perOrigin) {
            if (mine.firstKey() > p.seq()) {
                return false; // older than everything its origin still has here
            }
            remove(p.origin(), mine.firstKey());
            mine = byOrigin.computeIfAbsent(p.origin(), o -> new TreeMap<>());
        }
        byte[] frame = p.frame().clone(); // the caller's array goes on to relays
        while (count > 0 && (count >= maxPackets || bytes + frame.length > maxBytes)) {
            Added oldest = order.pollFirst();
            remove(oldest.origin(), oldest.seq());
        }
        mine.put(p.seq(), new Entry(frame, p.id(), p.timestamp(),
                hash(p.origin(), p.seq(), p.id())));
        order.addLast(new Added(p.origin(), p.seq()));
        if (order.size() > 2 * count + 1024) {
            // Packets removed otherwise than from the front leave stale places behind.
            order.removeIf(a -> !contains(a.origin(), a.seq()));
        }
        count++;
        bytes += frame.length;
        return true;
    }

    /** True if a packet of {@code origin} numbered {@code seq} is kept. */
    public boolean contains(NodeId origin, long seq) {
        TreeMap<Long, Entry> mine = byOrigin.get(origin);
        return mine != null && mine.containsKey(seq);
    }

    /** Forgets the packet of {@code origin} numbered {@code seq}, if kept. */
    public void remove(NodeId origin, long seq) {
        TreeMap<Long, Entry> mine = byOrigin.get(origin);
        Entry e = mine == null ? null : mine.remove(seq);
        if (e == null) {
            return;
        }
        count--;
        bytes -= e.frame.length;
        if (mine.isEmpty()) {
            byOrigin.remove(origin);
        }
        // The order queue keeps its stale element; add() skips it when it comes first.
    }

    /** Forgets packets dated before {@code windowStartMillis}. */
    public void expire(long windowStartMillis) {
        List<Added> old = new ArrayList<>();
        byOrigin.forEach((origin, mine) -> mine.forEach((seq, e) -> {
            if (e.timestamp < windowStartMillis) {
                old.add(new Added(origin, seq));
            }
        }));
        old.forEach(a -> remove(a.origin(), a.seq()));
        order.removeIf(a -> !contains(a.origin(), a.seq()));
    }

    /** Per origin, the packets dated at or after {@code windowStartMillis}. */
    public List<OriginSummary> summary(long windowStartMillis) {
        List<OriginSummary> out = new ArrayList<>(byOrigin.size());
        byOrigin.forEach((origin, mine) -> {
            int n = 0;
            long max = 0;
            long digest = 0;
            for (Map.Entry<Long, Entry> e : mine.entrySet()) {
                if (e.getValue().timestamp >= windowStartMillis) {
                    n++;
                    max = Math.max(max, e.getKey());
                    digest ^= e.getValue().hash;
                }
            }
            if (n > 0) {
                out.add(new OriginSummary(origin, n, max, digest));
            }
        });
        return out;
    }

    /** The sequence numbers of {@code origin}'s packets dated at or after the window start. */
    public List<Long> seqs(NodeId origin, long windowStartMillis) {
        TreeMap<Long, Entry> mine = byOrigin.get(origin);
        List<Long> out = new ArrayList<>();
        if (mine != null) {
            mine.forEach((seq, e) -> {
                if (e.timestamp >= windowStartMillis) {
                    out.add(seq);
                }
            });
        }
        return out;
    }

    /** The kept frame of {@code origin}'s packet {@code seq}, or null. */
    public byte[] frame(NodeId origin, long seq) {
        TreeMap<Long, Entry> mine = byOrigin.get(origin);
        Entry e = mine == null ? null : mine.get(seq);
        return e == null ? null : e.frame;
    }

    public int size() {
        return count;
    }

    public long bytes() {
        return bytes;
    }

    /** Places in the eviction order, stale ones included: for tests of its bound. */
    int orderSize() {
        return order.size();
    }

    /** The first 8 bytes of SHA-256(origin ‖ seq as 8 bytes big-endian ‖ id), as a long. */
    static long hash(NodeId origin, long seq, MessageId id) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(origin.bytes());
            sha.update(ByteBuffer.allocate(8).putLong(seq).array());
            byte[] idBytes = new byte[MessageId.LENGTH];
            id.writeTo(idBytes, 0);
            sha.update(idBytes);
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
