package dev.ghostmesh.internal.directory;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.internal.codec.AnnounceBody;
import dev.ghostmesh.internal.codec.Packet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The other nodes this node knows of, from their signed announces (and, for direct peers, from
 * the link handshake until their announce arrives). Bounded: when full, further new nodes are
 * ignored and counted.
 *
 * <p>Liveness is judged by the origin's own timestamps: a node is "heard from" only when a packet
 * newer than anything seen from it arrives. A late copy of an old announce (a snapshot replayed
 * on a new link) therefore cannot keep a dead node alive, and a forgotten node leaves a
 * tombstone (its last timestamp) so an old copy cannot bring it back either.
 *
 * <p>What other threads see is kept per node: each change replaces that node's {@link NodeInfo}
 * in a concurrent map, and {@link #view()} sorts the map only when it is read after a change.
 * Rebuilding the whole sorted list on every change instead cost each node O(known nodes) per
 * announce, so O(N^2) per announce interval in a mesh of N nodes (the mesh simulation in
 * benchmarks found it).
 *
 * <p>Threading: confined to the node thread, except {@link #view()} and {@link #size()}, which
 * any thread may call.
 */
public final class Directory {
    /** A node's lastSeen is republished at most this often when only that changed. */
    private static final long TOUCH_PUBLISH_INTERVAL_MS = 1000;
    /** Unreachable nodes (hops 0) last: they are the least useful to see first. */
    private static final Comparator<NodeInfo> NEAREST_FIRST = Comparator
            .comparingInt((NodeInfo n) -> n.reachable() ? n.hops() : Integer.MAX_VALUE)
            .thenComparing(NodeInfo::username);

    private static final class Entry {
        String username;
        int listenPort;
        List<PeerAddress> addresses = List.of();
        /** The topics its latest announce lists. */
        Set<String> topics = Set.of();
        /** The routes of the latest announce's copies, by the neighbour each came through. */
        final Routes routes = new Routes();
        boolean direct;
        long newestTimestamp = Long.MIN_VALUE;
        Instant lastSeen;
        Packet announce;
        /** X25519 key for private messages: from its signed announce, or its handshake. */
        byte[] agreementKey;
        /** When lastSeen was last published, in epoch millis. */
        long publishedSeenMillis;
    }

    /** The sorted view as of one version of {@link #published}. */
    private record Sorted(long version, List<NodeInfo> nodes) {}

    private final int capacity;
    private final Function<NodeId, Set<GroupName>> groupsOf;
    private final Map<NodeId, Entry> entries = new HashMap<>();
    private final Map<NodeId, Long> tombstones;
    private final Map<NodeId, NodeInfo> published = new ConcurrentHashMap<>();
    /** Bumped (by the node thread only) after each change of {@link #published}. */
    private volatile long version;
    private volatile Sorted sorted = new Sorted(0, List.of());
    private long rejectedFull;

    public Directory(int capacity, Function<NodeId, Set<GroupName>> groupsOf) {
        this.capacity = capacity;
        this.groupsOf = groupsOf;
        this.tombstones = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<NodeId, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The known nodes, nearest first. Any thread; sorts only if something changed since the last
     * call. Each entry is consistent; a change made during the call may or may not be in it.
     */
    public List<NodeInfo> view() {
        Sorted s = sorted;
        long v = version; // read before copying: a change made meanwhile forces a re-sort later
        if (s.version() != v) {
            List<NodeInfo> list = new ArrayList<>(published.values());
            list.sort(NEAREST_FIRST);
            s = new Sorted(v, List.copyOf(list));
            sorted = s;
        }
        return s.nodes();
    }

    /** How many nodes are known. Any thread. */
    public int size() {
        return published.size();
    }

    long rejectedFull() {
        return rejectedFull;
    }

    public boolean knows(NodeId id) {
        return entries.containsKey(id);
    }

    /**
     * True if a packet from {@code origin} stamped {@code timestamp} is from before the node was
     * forgotten: it must not change what we know of the node.
     */
    public boolean isStale(NodeId origin, long timestamp) {
        Long tomb = tombstones.get(origin);
        return tomb != null && timestamp <= tomb;
    }

    /**
     * Notes a new packet from {@code origin}; returns true if it was newer than anything seen
     * from it (the node is alive now). Unknown origins are not added here.
     */
    public boolean heardFrom(NodeId origin, long timestamp, Instant now) {
        Entry e = entries.get(origin);
        if (e == null || timestamp <= e.newestTimestamp) {
            return false;
        }
        e.newestTimestamp = timestamp;
        e.lastSeen = now;
        if (now.toEpochMilli() - e.publishedSeenMillis >= TOUCH_PUBLISH_INTERVAL_MS) {
            publish(origin, e);
        }
        return true;
    }

    /**
     * Records an announce that arrived through {@code neighbour} (the origin itself if it is a
     * direct peer; null if that link has closed meanwhile, so the copy gives no route); returns
     * the node's info if it was not known before, else null.
     */
    public NodeInfo onAnnounce(Packet packet, AnnounceBody body, NodeId neighbour, Instant now) {
        NodeId origin = packet.origin();
        if (isStale(origin, packet.timestamp())) {
            return null;
        }
        Entry e = entries.get(origin);
        boolean fresh = e == null;
        if (fresh) {
            if (entries.size() >= capacity) {
                rejectedFull++;
                return null;
            }
            e = new Entry();
            e.lastSeen = now;
            entries.put(origin, e);
            tombstones.remove(origin);
        }
        if (e.announce == null || packet.timestamp() > e.announce.timestamp()) {
            e.announce = packet;
            e.username = body.username();
            e.listenPort = body.listenPort();
            e.addresses = body.addresses();
            e.agreementKey = body.agreementKey();
            e.topics = Set.copyOf(body.topics());
            // Routes are those of the newest announce only: an older one's copies may have come
            // through neighbours that lost their way to the node since.
            e.routes.clear();
            if (neighbour != null) {
                e.routes.add(neighbour, packet.hops());
            }
        }
        if (packet.timestamp() > e.newestTimestamp) {
            e.newestTimestamp = packet.timestamp();
            e.lastSeen = now;
        }
        publish(origin, e);
        return fresh ? info(origin, e) : null;
    }

    /** Records a direct peer from its handshake; returns its info if it was not known before. */
    public NodeInfo onPeerUp(NodeId id, String username, int listenPort, byte[] agreementKey,
            Instant now) {
        Entry e = entries.get(id);
        boolean fresh = e == null;
        if (fresh) {
            if (entries.size() >= capacity) {
                rejectedFull++;
                return null;
            }
            e = new Entry();
            e.username = username;
            e.listenPort = listenPort;
            entries.put(id, e);
            tombstones.remove(id);
        }
        // The handshake proved this key (signed by the node's identity): good until an announce.
        if (e.agreementKey == null) {
            e.agreementKey = agreementKey;
        }
        e.direct = true;
        e.lastSeen = now;
        publish(id, e);
        return fresh ? info(id, e) : null;
    }

    /** One more copy came through {@code neighbour}: a route, if of origin's latest announce. */
    public void onAnnounceCopy(NodeId origin, MessageId id, int hops, NodeId neighbour) {
        Entry e = entries.get(origin);
        // The id ties the copy to the announce whose signature was checked: a neighbour can
        // only name it by having received it, so by having a way to the node.
        if (e != null && e.announce != null && e.announce.id().equals(id)
                && e.routes.add(neighbour, hops) && !e.direct) {
            publish(origin, e);
        }
    }

    /**
     * The last link to {@code id} went down: routes through it go at once, and from now on it
     * must keep announcing like any node that is not a direct peer, or be forgotten.
     */
    public void onPeerDown(NodeId id, Instant now) {
        entries.forEach((other, e) -> {
            boolean wasDirect = other.equals(id) && e.direct;
            if (wasDirect) {
                e.direct = false;
                e.lastSeen = now;
            }
            if (e.routes.remove(id) | wasDirect) {
                publish(other, e);
            }
        });
    }

    /** Forgets a node; returns its last info, or null if unknown. */
    public NodeInfo remove(NodeId id, long lastTimestamp, Instant now) {
        Entry e = entries.remove(id);
        tombstones.merge(id, lastTimestamp, Math::max);
        if (e == null) {
            return null;
        }
        published.remove(id);
        version = version + 1;
        return info(id, e);
    }

    /** Nodes (not direct peers) not heard from since {@code cutoff}, with their newest stamp. */
    public Map<NodeId, Long> silentSince(Instant cutoff) {
        Map<NodeId, Long> out = new HashMap<>();
        entries.forEach((id, e) -> {
            if (!e.direct && e.lastSeen.isBefore(cutoff)) {
                out.put(id, e.newestTimestamp);
            }
        });
        return out;
    }

    /**
     * The neighbour a packet for {@code id} goes to next: {@code id} itself if it is a direct
     * peer, else the neighbour of its shortest route; null if it is unknown or unreachable.
     */
    public NodeId nextHop(NodeId id) {
        Entry e = entries.get(id);
        if (e == null) {
            return null;
        }
        return e.direct ? id : e.routes.bestVia();
    }

    /**
     * Runs {@code action} for every known node whose latest announce lists {@code topic}. Visits
     * every entry: its cost grows with the directory, not with the subscribers.
     */
    public void forEachSubscriber(String topic, Consumer<NodeId> action) {
        entries.forEach((id, e) -> {
            if (e.topics.contains(topic)) {
                action.accept(id);
            }
        });
    }

    /**
     * True unless {@code neighbour} is known to be at least as close to {@code id} as this node:
     * a copy of {@code id}'s announce came through it after more hops than this node's shortest
     * route. A packet from that neighbour then makes progress towards {@code id} by coming on
     * through this node.
     */
    public boolean closerThan(NodeId id, NodeId neighbour) {
        Entry e = entries.get(id);
        if (e == null || neighbour == null) {
            return true;
        }
        int mine = e.direct ? 1 : e.routes.bestHops();
        int theirs = e.routes.hopsVia(neighbour); // their distance + 1
        return theirs == 0 || mine < theirs - 1;
    }

    /** The X25519 key private messages to {@code id} are sealed to, or null if unknown. */
    public byte[] agreementKeyOf(NodeId id) {
        Entry e = entries.get(id);
        return e == null ? null : e.agreementKey;
    }

    /** The username of {@code id}, or its codename if it never announced one. */
    public String nameOf(NodeId id) {
        Entry e = entries.get(id);
        return e != null && e.username != null ? e.username : id.codename();
    }

    /** The latest announce of every known node, for bringing a new link up to date. */
    public List<Packet> announces() {
        List<Packet> out = new ArrayList<>(entries.size());
        entries.values().forEach(e -> {
            if (e.announce != null) {
                out.add(e.announce);
            }
        });
        return out;
    }

    /** Republishes what is known of {@code id} (its group membership changed). */
    public void refresh(NodeId id) {
        Entry e = entries.get(id);
        if (e != null) {
            publish(id, e);
        }
    }

    private void publish(NodeId id, Entry e) {
        e.publishedSeenMillis = e.lastSeen.toEpochMilli();
        published.put(id, info(id, e));
        version = version + 1;
    }

    private NodeInfo info(NodeId id, Entry e) {
        String name = e.username != null ? e.username : id.codename();
        NodeId via = e.direct ? null : e.routes.bestVia();
        return new NodeInfo(id, name, id.codename(), e.listenPort, e.addresses,
                groupsOf.apply(id), e.direct ? 1 : e.routes.bestHops(),
                Optional.ofNullable(id.equals(via) ? null : via), e.lastSeen, e.topics);
    }
}
