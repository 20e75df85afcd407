package dev.ghostmesh.internal.node;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.Packet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The other nodes this node knows of, from their signed announces (and, for direct peers, from
 * the link handshake until their announce arrives). Bounded: when full, announces from further
 * new nodes are ignored and counted. Keeps each node's latest announce frame so a new link can
 * be brought up to date at once.
 *
 * <p>Threading: confined to the node thread, except {@link #view()} which reads a snapshot.
 */
final class Directory {
    private static final long TOUCH_PUBLISH_INTERVAL_MS = 1000;

    private static final class Entry {
        String username;
        int listenPort;
        int hops;
        Instant lastSeen;
        long announceTimestamp = Long.MIN_VALUE;
        Packet announce;
    }

    private final int capacity;
    private final Map<NodeId, Entry> entries = new HashMap<>();
    private volatile List<NodeInfo> view = List.of();
    private long lastPublishMillis;
    private long rejectedFull;

    Directory(int capacity) {
        this.capacity = capacity;
    }

    /** The published list of known nodes, nearest first. Any thread. */
    List<NodeInfo> view() {
        return view;
    }

    int size() {
        return entries.size();
    }

    long rejectedFull() {
        return rejectedFull;
    }

    /** Records an announce; returns the node's info if it was not known before, else null. */
    NodeInfo onAnnounce(Packet packet, Bodies.Announce body, Instant now, boolean directPeer) {
        Entry e = entries.get(packet.origin());
        boolean fresh = e == null;
        if (fresh) {
            if (entries.size() >= capacity) {
                rejectedFull++;
                return null;
            }
            e = new Entry();
            entries.put(packet.origin(), e);
        }
        if (packet.timestamp() >= e.announceTimestamp) {
            e.announceTimestamp = packet.timestamp();
            e.announce = packet;
            e.username = body.username();
            e.listenPort = body.listenPort();
        }
        e.hops = directPeer ? 1 : packet.hops();
        e.lastSeen = now;
        publish(now);
        return fresh ? info(packet.origin(), e) : null;
    }

    /** Records a direct peer from its handshake; returns its info if it was not known before. */
    NodeInfo onPeer(NodeId id, String username, int listenPort, Instant now) {
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
        }
        e.hops = 1;
        e.lastSeen = now;
        publish(now);
        return fresh ? info(id, e) : null;
    }

    /** Notes that a packet from {@code id} arrived; republishes at most once a second. */
    void touch(NodeId id, Instant now) {
        Entry e = entries.get(id);
        if (e != null) {
            e.lastSeen = now;
            if (now.toEpochMilli() - lastPublishMillis >= TOUCH_PUBLISH_INTERVAL_MS) {
                publish(now);
            }
        }
    }

    /** Forgets a node (it said goodbye); returns its last info, or null if unknown. */
    NodeInfo remove(NodeId id, Instant now) {
        Entry e = entries.remove(id);
        if (e == null) {
            return null;
        }
        publish(now);
        return info(id, e);
    }

    /** The username of {@code id}, or its codename if it never announced one. */
    String nameOf(NodeId id) {
        Entry e = entries.get(id);
        return e != null && e.username != null ? e.username : id.codename();
    }

    /** The latest announce of every known node, for bringing a new link up to date. */
    List<Packet> announces() {
        List<Packet> out = new ArrayList<>(entries.size());
        entries.values().forEach(e -> {
            if (e.announce != null) {
                out.add(e.announce);
            }
        });
        return out;
    }

    private void publish(Instant now) {
        lastPublishMillis = now.toEpochMilli();
        List<NodeInfo> list = new ArrayList<>(entries.size());
        entries.forEach((id, e) -> list.add(info(id, e)));
        list.sort(Comparator.comparingInt(NodeInfo::hops).thenComparing(NodeInfo::username));
        view = List.copyOf(list);
    }

    private static NodeInfo info(NodeId id, Entry e) {
        return new NodeInfo(id, e.username, id.codename(), e.listenPort, e.hops, e.lastSeen);
    }
}
