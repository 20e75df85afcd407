package dev.ghostmesh.internal.link;

import dev.ghostmesh.MeshException;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.runtime.NodeContext;
import dev.ghostmesh.internal.runtime.TokenBucket;
import dev.ghostmesh.spi.Link;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every link of a node: admits links within its caps, runs the link handshake (Noise, or
 * the open profile's, through {@link LinkHandshake}), keeps one link per peer node
 * (resolving duplicates the same way on both ends), and publishes the peer list.
 *
 * <p>Duplicate rule: of two links between the same nodes, keep the one dialed by the node with
 * the smaller id. If both were dialed by the same node, that node closes the newer one and the
 * other end waits for it, so both ends always agree.
 *
 * <p>Threading: confined to the node thread, except {@link #peers()} which reads a snapshot.
 */
public final class LinkManager {
    private static final Logger log = LoggerFactory.getLogger(LinkManager.class);
    private static final int RECENTLY_CLOSED_LIMIT = 256;

    /**
     * What the rest of the node hears about links. Parts built after the links (presence, the
     * connector) subscribe as they are built; each event goes to them in that order.
     */
    public interface Events {
        /** A link authenticated and is the first to its peer. */
        default void onPeerReady(LinkSession s) {
        }

        /** The last link to {@code peer} closed. */
        default void onPeerGone(NodeId peer) {
        }
    }

    private final NodeContext node;
    private final List<Events> subscribers = new ArrayList<>(2);
    private final Dialer dialer;
    private final Blocklist blocklist;
    private final LinkHandshake handshake;
    private final LinkAdmission admission;
    private final EarlyFrames early = new EarlyFrames();
    private final Map<Link, LinkSession> sessions = new IdentityHashMap<>();
    private final Map<NodeId, List<LinkSession>> byPeer = new HashMap<>();
    private final List<LinkSession> readyLinks = new ArrayList<>();
    /**
     * How recently closed links ended (a PeerInfo if the link was a duplicate of a live one,
     * the failure if what answered is no node, else the reason), for a {@code connect()} whose
     * dial completed after its link was already gone; bounded, oldest dropped.
     */
    private final Map<Link, Object> recentlyClosed = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Link, Object> eldest) {
            return size() > RECENTLY_CLOSED_LIMIT;
        }
    };
    private volatile List<PeerInfo> peersView = List.of();

    public LinkManager(NodeContext node, byte[] networkId, Blocklist blocklist) {
        this.node = node;
        this.blocklist = blocklist;
        this.admission = new LinkAdmission(node);
        this.dialer = new Dialer(node, node.loop(), this::await);
        this.handshake = new LinkHandshake(node, networkId, new LinkHandshake.Verdict() {
            @Override
            public String onIdentified(LinkSession s) {
                return LinkManager.this.onIdentified(s);
            }

            @Override
            public void onAuthenticated(LinkSession s) {
                LinkManager.this.onAuthenticated(s);
            }

            @Override
            public void onFailed(LinkSession s, String reason, boolean invalid) {
                if (invalid) {
                    // At INFO: a peer refused for, say, a username this node's rules reject
                    // would otherwise vanish without a word.
                    node.counters().invalid.incrementAndGet();
                    node.refusals().info(log, "link {} refused: {}", s.link.remoteAddress(),
                            reason);
                }
                close(s, reason);
            }
        });
    }

    /** Adds {@code events} to the parts told about peers coming and going. Node loop. */
    public void subscribe(Events events) {
        subscribers.add(events);
    }

    /** Dials addresses; a dialed link comes back here for its handshake. */
    public Dialer dialer() {
        return dialer;
    }

    /** Every authenticated link, for the router (duplicates included while they last). */
    public List<LinkSession> readyLinks() {
        return readyLinks;
    }

    public List<PeerInfo> peers() {
        return peersView;
    }

    /** A ready link to the direct peer {@code peer}, or null if there is none. */
    public LinkSession readyLinkTo(NodeId peer) {
        List<LinkSession> list = byPeer.get(peer);
        if (list == null) {
            return null;
        }
        for (LinkSession s : list) {
            if (s.ready()) {
                return s;
            }
        }
        return null;
    }

    boolean isDirectPeer(NodeId id) {
        return byPeer.containsKey(id);
    }

    public Collection<LinkSession> all() {
        return List.copyOf(sessions.values());
    }

    LinkSession session(Link link) {
        return sessions.get(link);
    }

    void onLinkUp(Link link) {
        long now = node.clock().nanoTime();
        LinkSession s = new LinkSession(link, new TokenBucket(node.config().limits().linkFrameRate(),
                node.config().limits().linkFrameBurst(), now), now);
        sessions.put(link, s);
        String refusal = link.inbound()
                ? admission.problem(link, sessions.values(), readyLinks.size()) : null;
        if (refusal != null) {
            node.counters().linksRefused.incrementAndGet();
            log.debug("refusing inbound link from {}: {}", link.remoteAddress(), refusal);
            close(s, refusal);
            return;
        }
        LinkState.Handshaking h = s.handshake();
        if (!link.inbound()) {
            h.expectedId = dialer.expectedAt(link.remoteAddress());
        }
        h.timeout = node.loop().schedule(() -> {
            if (s.handshaking()) {
                close(s, ForeignPeer.onTimeout(s, node.config().handshakeTimeout()));
            }
        }, node.config().handshakeTimeout().toMillis());
        handshake.start(s);
    }

    /** Checks a peer whose identity the handshake just proved; null if it may go on. */
    private String onIdentified(LinkSession s) {
        String problem = null;
        NodeId id = s.peerId();
        NodeId expected = s.handshake().expectedId;
        if (id.equals(node.identity().id())) {
            problem = "it is this node";
        } else if (s.link.inbound() && blocklist.refuses(id)) {
            problem = "refused: this node disconnected from it";
        } else if (blocklist.banned(id)) {
            node.counters().linksRefused.incrementAndGet();
            problem = "refused: it was dropped for flooding";
        } else if (expected != null && !expected.equals(id)) {
            // Refused before our identity message goes out (we dialed): the other end never
            // admits this link, so it cannot displace a good link to us as a "duplicate".
            refuseMisclaimed(s, expected);
            return "misclaimed";
        }
        if (problem != null) {
            close(s, problem);
        }
        return problem;
    }

    private void onAuthenticated(LinkSession s) {
        cancelTimeout(s);
        LinkFrames.Hello hello = s.hello();
        s.becomeReady(new PeerInfo(hello.id(), hello.username(), s.link.remoteAddress(),
                hello.listenPort(), s.link.inbound(), node.clock().instant()));
        admit(s);
    }

    /** Routes a frame of a link that is still handshaking. */
    void onHandshakeFrame(LinkSession s, byte[] frame) {
        handshake.onFrame(s, frame);
    }

    /** Routes the first decrypted frame of a link we dialed (the acceptor's ACCEPT). */
    void onConfirmation(LinkSession s, byte[] frame) {
        handshake.onConfirmation(s, frame);
    }

    private void admit(LinkSession s) {
        NodeId peerId = s.peerId();
        List<byte[]> backlog = early.onReady(s, node.loop().nanoTime());
        List<LinkSession> existing = byPeer.get(peerId);
        if (existing != null) {
            LinkSession loser = duplicateLoser(existing.get(0), s);
            if (loser == s) {
                PeerInfo live = existing.get(0).peer();
                completeWaiters(s, live);
                close(s, "duplicate link", live);
                return;
            }
            existing.add(s);
            readyLinks.add(s);
            completeWaiters(s, s.peer());
            if (loser != null) {
                close(loser, "duplicate link");
            }
            return;
        }
        List<LinkSession> list = new ArrayList<>(2);
        list.add(s);
        byPeer.put(peerId, list);
        readyLinks.add(s);
        publishPeers();
        log.info("peer connected: {}", s);
        // The directory learns of the peer first: whoever hears "connected" (a listener, a
        // connect() future) and then looks the peer up in nodes() must find it there.
        for (Events e : subscribers) {
            e.onPeerReady(s);
        }
        PeerInfo peer = s.peer();
        completeWaiters(s, peer);
        node.listeners().publish(l -> l.onPeerConnected(peer));
        resend(s, backlog, "the link before it");
    }

    /** Sends again what a young link carried before it closed (see {@link EarlyFrames}). */
    private void resend(LinkSession on, List<byte[]> frames, String from) {
        if (frames.isEmpty()) {
            return;
        }
        log.debug("sending {} packets of {} again on {}", frames.size(), from, on);
        for (byte[] frame : frames) {
            if (!on.send(frame)) {
                node.counters().sendDropped.incrementAndGet();
            }
        }
    }

    /** Which of two links to one node must close here, or null if the other end decides. */
    private LinkSession duplicateLoser(LinkSession old, LinkSession fresh) {
        NodeId self = node.identity().id();
        NodeId oldDialer = old.link.inbound() ? old.peerId() : self;
        NodeId freshDialer = fresh.link.inbound() ? fresh.peerId() : self;
        if (!oldDialer.equals(freshDialer)) {
            NodeId preferred = self.compareTo(old.peerId()) < 0 ? self : old.peerId();
            return oldDialer.equals(preferred) ? fresh : old;
        }
        return freshDialer.equals(self) ? fresh : null;
    }

    void onLinkDown(Link link, Throwable cause) {
        LinkSession s = sessions.remove(link);
        if (s == null) {
            return;
        }
        // Before our own reason: a service that talks first (an SSH banner) breaks the framing
        // before our handshake is out, and "link refused the handshake" would hide why.
        String foreign = ForeignPeer.onClosedByTransport(s, cause);
        if (foreign != null) {
            node.counters().invalid.incrementAndGet(); // as a first reply that is no handshake
        }
        String reason = foreign != null ? foreign : s.closeReason() != null ? s.closeReason()
                : cause == null ? "connection closed" : describe(cause);
        s.beginClosing(reason, null);
        cancelTimeout(s);
        failWaiters(s, reason);
        recentlyClosed.put(link, s.duplicateOf() != null ? s.duplicateOf()
                : ForeignPeer.foreign(s) != null ? ForeignPeer.failure(s, reason) : reason);
        if (s.peer() == null || !readyLinks.remove(s)) {
            log.debug("link {} closed before authenticating: {}", s, reason);
            return;
        }
        List<LinkSession> same = byPeer.get(s.peerId());
        same.remove(s);
        LinkSession survivor = same.isEmpty() ? null : same.get(0);
        List<byte[]> rescued = early.onClosed(s, survivor, node.loop().nanoTime());
        if (survivor != null) {
            publishPeers(); // a duplicate went away; the peer is still connected
            resend(survivor, rescued, "its duplicate");
            return;
        }
        byPeer.remove(s.peerId());
        publishPeers();
        log.info("peer disconnected: {} ({})", s, reason);
        PeerInfo peer = s.peer();
        node.listeners().publish(l -> l.onPeerDisconnected(peer, reason));
        for (Events e : subscribers) {
            e.onPeerGone(peer.id());
        }
    }

    /** Closes a link gracefully, remembering why; onLinkDown follows from the transport. */
    public void close(LinkSession s, String reason) {
        close(s, reason, null);
    }

    private void close(LinkSession s, String reason, PeerInfo duplicateOf) {
        if (s.handshaking()) {
            log.debug("closing link {} during handshake: {}", s, reason);
        }
        s.beginClosing(reason, duplicateOf);
        s.link.close();
        publishPeers();
    }

    /** Closes every link to {@code peer}; returns false if there was none. */
    boolean disconnect(NodeId peer, String reason) {
        List<LinkSession> list = byPeer.get(peer);
        if (list == null) {
            return false;
        }
        List.copyOf(list).forEach(s -> close(s, reason));
        return true;
    }

    /**
     * A discovery claimed one id for the address, the handshake proved another: the claim was
     * false (spoofed or stale), so the link is dropped, not admitted under either id.
     */
    private void refuseMisclaimed(LinkSession s, NodeId expected) {
        node.counters().invalid.incrementAndGet();
        log.warn("dropping link to {}: it proved to be {}, not {} as discovery claimed",
                s.link.remoteAddress(), s.peerId().shortHex(), expected.shortHex());
        close(s, "it proved to be " + s.peerId().shortHex() + ", not the claimed "
                + expected.shortHex());
    }

    /** Answers PINGs; any frame already refreshed the link's liveness. */
    void onKeepalive(LinkSession s, int type) {
        if (type == PacketType.PING && s.authenticated()) {
            s.send(LinkFrames.keepalive(PacketType.PONG));
        }
    }

    /**
     * Pings links that have been quiet for the keepalive interval and closes those quiet for
     * the link timeout: a peer killed or cut off without closing its connection is noticed.
     */
    public void checkLiveness(long nowNanos) {
        early.expire(readyLinks, nowNanos);
        long pingAfter = node.config().keepaliveInterval().toNanos();
        long deadAfter = node.config().linkTimeout().toNanos();
        for (LinkSession s : List.copyOf(readyLinks)) {
            long quiet = nowNanos - s.lastReceivedNanos;
            LinkState.Ready ready = s.state() instanceof LinkState.Ready r ? r : null;
            if (quiet > deadAfter) {
                close(s, "no answer for " + quiet / 1_000_000_000 + " s");
            } else if (ready != null && quiet > pingAfter
                    && nowNanos - ready.lastPingNanos > pingAfter) {
                ready.lastPingNanos = nowNanos;
                s.send(LinkFrames.keepalive(PacketType.PING));
            }
        }
    }

    /**
     * Attaches a {@code connect()} caller to a freshly dialed link; {@code expected}, if not
     * null, is the id the link must prove.
     */
    void await(Link link, CompletableFuture<PeerInfo> waiter, NodeId expected) {
        LinkSession s = sessions.get(link);
        if (s != null && expected != null) {
            LinkState.Handshaking h = s.handshake();
            if (h != null) {
                h.expectedId = expected;
            } else if (s.authenticated() && !expected.equals(s.peerId())) {
                s.waiters.add(waiter);
                refuseMisclaimed(s, expected);
                return;
            }
        }
        if (s == null) {
            Object outcome = recentlyClosed.remove(link);
            if (outcome instanceof PeerInfo peer) {
                waiter.complete(peer);
            } else if (outcome instanceof MeshException failure) {
                waiter.completeExceptionally(failure);
            } else {
                waiter.completeExceptionally(new MeshException(outcome != null
                        ? outcome.toString() : "connection closed during handshake"));
            }
        } else if (s.authenticated()) {
            waiter.complete(s.peer());
        } else {
            s.waiters.add(waiter);
        }
    }

    private static void cancelTimeout(LinkSession s) {
        LinkState.Handshaking h = s.handshake();
        if (h != null && h.timeout != null) {
            h.timeout.cancel();
        }
    }

    private void completeWaiters(LinkSession s, PeerInfo peer) {
        s.waiters.forEach(w -> w.complete(peer));
        s.waiters.clear();
    }

    private void failWaiters(LinkSession s, String reason) {
        s.waiters.forEach(w -> w.completeExceptionally(ForeignPeer.failure(s, reason)));
        s.waiters.clear();
    }

    private void publishPeers() {
        List<PeerInfo> view = new ArrayList<>(byPeer.size());
        // A peer whose every link is closing is already gone for the user (who may have just
        // disconnected it); its sessions stay until the transport reports the links down.
        byPeer.values().forEach(list -> list.stream().filter(LinkSession::ready)
                .findFirst().ifPresent(x -> view.add(x.peer())));
        peersView = List.copyOf(view);
    }

    static String describe(Throwable cause) {
        String m = cause.getMessage();
        return m == null || m.isBlank() ? cause.getClass().getSimpleName() : m;
    }
}
