package dev.ghostmesh.internal.presence;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.internal.codec.AnnounceBody;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.directory.Directory;
import dev.ghostmesh.internal.group.GroupService;
import dev.ghostmesh.internal.link.LinkManager;
import dev.ghostmesh.internal.link.LinkSession;
import dev.ghostmesh.internal.messaging.Outbox;
import dev.ghostmesh.internal.messaging.TopicService;
import dev.ghostmesh.internal.runtime.NodeContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is in the mesh: this node's announces (at start, to every new link, and every announce
 * interval), the directory kept from others' announces, forgetting nodes that said goodbye or
 * fell silent for three intervals, and the snapshot that brings a new link up to date at once.
 *
 * <p>Threading: confined to the node thread.
 */
public final class Presence implements LinkManager.Events {
    private static final int SILENT_INTERVALS = 3;
    /** How long subscription changes gather before one announce states them. */
    static final long TOPICS_SETTLE_MILLIS = 50;

    private final NodeContext node;
    private final Directory directory;
    private final GroupService groups;
    private final Outbox outbox;
    private final TopicService topics;
    private List<PeerAddress> addresses = List.of();
    /** True while a re-announce for changed subscriptions is scheduled. */
    private boolean topicsAnnounceDue;
    private Packet ownAnnounce;
    /** The groups {@link #ownAnnounce} lists. */
    private Set<GroupName> announced = Set.of();

    public Presence(NodeContext node, Directory directory, GroupService groups, Outbox outbox,
            TopicService topics) {
        this.node = node;
        this.topics = topics;
        this.directory = directory;
        this.groups = groups;
        this.outbox = outbox;
    }

    /** Signs the first announce and schedules the periodic one. Called once, on the node thread. */
    public void start(List<PeerAddress> listening) {
        addresses = listening.size() > AnnounceBody.MAX_ADDRESSES
                ? listening.subList(0, AnnounceBody.MAX_ADDRESSES) : listening;
        ownAnnounce = null; // re-sign with the addresses now known
        ownAnnounce();
        node.loop().every(this::tick, node.config().announceInterval().toMillis());
    }

    /** Floods a fresh announce (it is also a statement of this node's groups). */
    void announce() {
        Set<GroupName> own = groups.own();
        ownAnnounce = outbox.originate(PacketType.ANNOUNCE, announceBody(own));
        announced = own;
        groups.recordOwnStatement(ownAnnounce, own);
    }

    /**
     * The latest own announce, signed now if there is none yet (a link beat start()) or if this
     * node's groups changed since: a new link gets it before our membership statements, and an
     * announce older than our last join would show a peer that remembers us (we restarted) a
     * leave and a join.
     */
    private Packet ownAnnounce() {
        Set<GroupName> own = groups.own();
        if (ownAnnounce == null || !announced.equals(own)) {
            ownAnnounce = outbox.sign(PacketType.ANNOUNCE, announceBody(own));
            announced = own;
            groups.recordOwnStatement(ownAnnounce, own);
        }
        return ownAnnounce;
    }

    private byte[] announceBody(Set<GroupName> own) {
        List<GroupName> sorted = new ArrayList<>(own);
        sorted.sort(null);
        return new AnnounceBody(node.username(), node.identity().codename(), node.listenPort(),
                addresses, sorted, node.identity().agreementPublicKey(), topics.announced())
                .encode();
    }

    /**
     * The node's subscriptions changed: floods a fresh announce soon, so other nodes learn who
     * subscribes to what without waiting for the interval. Changes within
     * {@link #TOPICS_SETTLE_MILLIS} share one announce (an application subscribing to twenty
     * topics at once costs one). Before start there is nothing to do: the first announce lists
     * them.
     */
    public void onSubscriptionsChanged() {
        if (ownAnnounce == null || topicsAnnounceDue) {
            return;
        }
        topicsAnnounceDue = true;
        node.loop().schedule(() -> {
            topicsAnnounceDue = false;
            announce();
        }, TOPICS_SETTLE_MILLIS);
    }

    private void tick() {
        announce();
        Duration silence = node.config().announceInterval().multipliedBy(SILENT_INTERVALS);
        Instant now = node.clock().instant();
        Map<NodeId, Long> silent = directory.silentSince(now.minus(silence));
        String reason = "not heard from for " + (silence.toMillis() % 1000 == 0
                ? silence.toSeconds() + " s" : silence.toMillis() + " ms");
        silent.forEach((id, newest) -> forget(id, newest, now, reason));
    }

    public void onAnnounce(Packet p, AnnounceBody a, LinkSession from, Instant now) {
        // A frame still queued from a link that closed meanwhile gives no route.
        NodeId via = from.authenticated() ? from.peerId() : null;
        NodeInfo fresh = directory.onAnnounce(p, a, via, now);
        if (fresh != null) {
            node.listeners().publish(l -> l.onNodeDiscovered(fresh));
        }
        if (directory.knows(p.origin())) {
            groups.onStatement(p, Set.copyOf(a.groups()));
        }
    }

    public void onGoodbye(Packet p, Instant now) {
        forget(p.origin(), p.timestamp(), now, "said goodbye");
    }

    private void forget(NodeId id, long lastTimestamp, Instant now, String reason) {
        groups.forget(id); // first, while the directory still knows the member's name
        NodeInfo gone = directory.remove(id, lastTimestamp, now);
        if (gone != null) {
            node.listeners().publish(l -> l.onNodeLeft(gone, reason));
        }
    }

    /** Floods a GOODBYE; links are closed by the caller afterwards, which flushes it. */
    public void sayGoodbye(boolean anyLinks) {
        if (anyLinks) {
            outbox.originate(PacketType.GOODBYE, Bodies.goodbye());
        }
    }

    /** Brings a newly authenticated link up to date: our announce, then all we know. */
    @Override
    public void onPeerReady(LinkSession s) {
        Instant now = node.clock().instant();
        PeerInfo peer = s.peer();
        NodeInfo fresh = directory.onPeerUp(s.peerId(), peer.username(), peer.listenPort(),
                s.hello().agreementKey(), now);
        if (fresh != null) {
            node.listeners().publish(l -> l.onNodeDiscovered(fresh));
        }
        Packet own = ownAnnounce();
        outbox.send(s, own.frame());
        Set<MessageId> sent = new HashSet<>();
        sent.add(own.id());
        List<Packet> known = new ArrayList<>(groups.packets());
        known.addAll(directory.announces());
        for (Packet p : known) {
            // A late copy of a signed packet is a delayed forward: one hop spent. The peer's own
            // packets would only come back to it as echoes.
            if (p.ttl() > 1 && !p.origin().equals(s.peerId()) && sent.add(p.id())) {
                outbox.send(s, p.withTtl(p.ttl() - 1));
            }
        }
    }

    /** The last link to {@code peer} closed: it is alive only while it keeps announcing. */
    @Override
    public void onPeerGone(NodeId peer) {
        directory.onPeerDown(peer, node.clock().instant());
    }
}
