package dev.ghostmesh.internal.link;

import dev.ghostmesh.NodeId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packets a link carried in its first seconds, so that none is lost when the link turns out
 * to be a duplicate. Two nodes that dial each other at once (LAN discovery makes both dial) have
 * two links for a moment; one is then closed at both ends, and a packet sent on it in that
 * moment dies with it when the other end closes first (TCP discards what it has not read).
 * Measured before this class: 2 broadcasts of 60, sent the instant the first link was up, never
 * arrived. So each link's packets are kept for {@link #KEEP_NANOS} after it became ready, and
 * when it closes that young they are sent again on the link that survives — or, if none is
 * ready yet, on the next link to the same peer within the same time. Copies the peer already
 * has are dropped there as duplicates.
 *
 * <p>Threading: confined to the node's loop, like the links.
 */
final class EarlyFrames {
    /** How long after becoming ready a link's packets are kept: duplicates resolve in ms. */
    static final long KEEP_NANOS = 3_000_000_000L;
    /** Packets kept per link at most; a flood beyond it in the first seconds is not kept. */
    static final int MAX_FRAMES = 256;
    /** Peers whose closed link's packets wait for their next link. */
    static final int MAX_ORPHANED_PEERS = 16;

    private record Orphans(List<byte[]> frames, long closedNanos) {}

    private final Map<NodeId, Orphans> orphaned = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NodeId, Orphans> eldest) {
            return size() > MAX_ORPHANED_PEERS;
        }
    };

    /** {@code s} became ready: start keeping what it carries; returns a waiting backlog. */
    List<byte[]> onReady(LinkSession s, long nowNanos) {
        s.early = new ArrayList<>();
        s.readyNanos = nowNanos;
        Orphans waiting = orphaned.remove(s.peerId());
        return waiting == null || nowNanos - waiting.closedNanos > KEEP_NANOS ? List.of()
                : waiting.frames;
    }

    /** Stops keeping packets of links older than {@link #KEEP_NANOS}; drops stale orphans. */
    void expire(List<LinkSession> ready, long nowNanos) {
        for (LinkSession s : ready) {
            if (s.early != null && nowNanos - s.readyNanos > KEEP_NANOS) {
                s.early = null;
            }
        }
        for (Iterator<Orphans> it = orphaned.values().iterator(); it.hasNext(); ) {
            if (nowNanos - it.next().closedNanos > KEEP_NANOS) {
                it.remove();
            }
        }
    }

    /**
     * {@code s}, once ready, closed; returns what to send again on {@code survivor} (null: no
     * link to the peer is ready, so they wait for the next one).
     */
    List<byte[]> onClosed(LinkSession s, LinkSession survivor, long nowNanos) {
        List<byte[]> frames = s.early;
        s.early = null;
        if (frames == null || frames.isEmpty()) {
            return List.of();
        }
        if (survivor != null) {
            return frames;
        }
        orphaned.put(s.peerId(), new Orphans(frames, nowNanos));
        return List.of();
    }
}
