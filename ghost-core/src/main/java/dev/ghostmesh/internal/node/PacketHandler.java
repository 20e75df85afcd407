package dev.ghostmesh.internal.node;

import dev.ghostmesh.SecurityProfile;
import dev.ghostmesh.internal.codec.AnnounceBody;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.DirectBody;
import dev.ghostmesh.internal.codec.GroupBodies;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketBody;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.TopicBody;
import dev.ghostmesh.internal.directory.Directory;
import dev.ghostmesh.internal.group.GroupService;
import dev.ghostmesh.internal.link.LinkManager;
import dev.ghostmesh.internal.link.LinkSession;
import dev.ghostmesh.internal.link.PacketSink;
import dev.ghostmesh.internal.link.RateLimits;
import dev.ghostmesh.internal.messaging.BroadcastChat;
import dev.ghostmesh.internal.messaging.DirectMessaging;
import dev.ghostmesh.internal.messaging.Outbox;
import dev.ghostmesh.internal.messaging.PrivateMessaging;
import dev.ghostmesh.internal.messaging.SignatureChecks;
import dev.ghostmesh.internal.messaging.TopicService;
import dev.ghostmesh.internal.presence.Presence;
import dev.ghostmesh.internal.router.FloodRouter;
import dev.ghostmesh.internal.router.FloodRouter.Decision;
import dev.ghostmesh.internal.runtime.Counters;
import dev.ghostmesh.internal.runtime.NodeContext;
import dev.ghostmesh.internal.sync.SyncService;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the flood router's decisions: hands each accepted packet to the part that owns its
 * kind (presence, groups, topics, direct and private messages, and the chat's older packet
 * types), and forwards it.
 *
 * <p>Threading: confined to the node thread.
 */
final class PacketHandler implements PacketSink, SyncService.CatchUpSink {
    private static final Logger log = LoggerFactory.getLogger(PacketHandler.class);

    private final NodeContext node;
    private final LinkManager links;
    private final Directory directory;
    private final FloodRouter<LinkSession> router;
    private final Outbox outbox;
    private final Presence presence;
    private final GroupService groups;
    private final RateLimits limits;
    private final PrivateMessaging privates;
    private final TopicService topics;
    private final DirectMessaging direct;
    private final BroadcastChat broadcasts;
    private final SignatureChecks<LinkSession> checks;
    private final SyncService sync;

    /**
     * Where signatures are checked: {@code verifiers} (null: always on the node thread) is used
     * while {@code busy} says work is waiting, and {@code results} brings verdicts back to the
     * node thread.
     */
    record Verification(Executor verifiers, Executor results, BooleanSupplier busy) {
    }

    PacketHandler(NodeContext node, LinkManager links, Directory directory,
            FloodRouter<LinkSession> router, Outbox outbox, Presence presence,
            GroupService groups, RateLimits limits, PrivateMessaging privates,
            TopicService topics, DirectMessaging direct, BroadcastChat broadcasts,
            SyncService sync, Verification verification) {
        this.sync = sync;
        this.topics = topics;
        this.broadcasts = broadcasts;
        this.direct = direct;
        this.node = node;
        this.privates = privates;
        this.limits = limits;
        this.links = links;
        this.directory = directory;
        this.router = router;
        this.outbox = outbox;
        this.presence = presence;
        this.groups = groups;
        // Without signatures the check is one hash: a hand-off would cost more than it saves.
        Counters counters = node.counters();
        Predicate<Packet> authentic = !router.signaturesRequired() ? router::authentic : p -> {
            counters.signaturesVerified.incrementAndGet();
            return router.authentic(p);
        };
        this.checks = new SignatureChecks<>(authentic,
                router.signaturesRequired() ? verification.verifiers() : null,
                verification.results(), verification.busy(),
                new SignatureChecks.Sink<>() {
                    @Override
                    public void complete(Packet packet, LinkSession from, boolean valid) {
                        onChecked(packet, from, valid);
                    }

                    @Override
                    public void duplicate(Packet original, LinkSession from, int hops) {
                        if (original.type() == PacketType.ANNOUNCE && from.authenticated()) {
                            directory.onAnnounceCopy(original.origin(), original.id(), hops,
                                    from.peerId());
                        }
                    }
                }, node.counters());
    }

    @Override
    public void onCatchUpFrame(LinkSession from, int type, byte[] frame) {
        sync.onFrame(from, type, frame);
    }

    @Override
    public boolean catchUp(LinkSession from, byte[] frame) {
        Packet p;
        try {
            p = PacketCodec.decode(frame);
        } catch (PacketDecodeException e) {
            node.counters().invalid.incrementAndGet();
            node.refusals().info(log, "dropped a caught-up packet from {}: {}", from,
                    e.getMessage());
            return false;
        }
        if (!SyncService.carries(p.type())) {
            node.counters().invalid.incrementAndGet();
            return false; // catch-up carries messages for everyone, nothing else
        }
        if (sync.log().contains(p.origin(), p.seq())) {
            node.counters().duplicates.incrementAndGet();
            return false;
        }
        Instant now = node.clock().instant();
        boolean valid = router.authentic(p);
        if (router.signaturesRequired()) {
            node.counters().signaturesVerified.incrementAndGet();
        }
        Decision<LinkSession> d = router.catchUp(p, valid, now.toEpochMilli(),
                sync.windowStart());
        if (d.outcome() != FloodRouter.Outcome.ACCEPTED) {
            apply(d, from, now);
            return false;
        }
        node.history().late(() -> accept(d, from, now, true));
        return true;
    }

    @Override
    public void onPacket(LinkSession from, byte[] frame) {
        Decision<LinkSession> d = router.screen(frame, node.clock().millis());
        if (d.outcome() == FloodRouter.Outcome.UNVERIFIED) {
            boolean vouched = linkVouchesFor(d.packet(), from);
            if (vouched) {
                node.counters().signaturesSkipped.incrementAndGet();
            }
            checks.offer(d.packet(), from, vouched);
        } else {
            if (d.outcome() == FloodRouter.Outcome.DUPLICATE) {
                noteAnnounceCopy(d.packet(), frame, from);
            }
            apply(d, from, null);
        }
    }

    /**
     * True if the link {@code p} arrived on already proves that {@code p} comes from its
     * origin, so that checking its signature would prove nothing more (PROTOCOL.md, "Where
     * signatures are verified"): this node's profile is the secure one, so the link ran the
     * Noise handshake, in which the peer proved it holds the Ed25519 key of its identity
     * payload, and every frame since is authenticated by the link's AEAD; and {@code p} names
     * exactly that peer and that key as its origin. The packet must still carry a signature,
     * which goes on with it to nodes further away, who verify it themselves. Never in the open
     * profile, whose links authenticate nobody.
     */
    private boolean linkVouchesFor(Packet p, LinkSession from) {
        return node.config().profile() == SecurityProfile.SECURE && from.authenticated()
                && from.hello() != null && p.signed() && p.origin().equals(from.peerId())
                && p.originKeyIs(from.hello().publicKey());
    }

    /**
     * A copy of an announce that arrived first through another link is another route to its
     * origin, kept so that the directory can switch to it the moment the first link closes.
     * Decoded only for announces (one per node per interval per link), never for other copies.
     */
    private void noteAnnounceCopy(Packet decoded, byte[] frame, LinkSession from) {
        // Without a packet the router took its fast path, which only canonical frames take: the
        // type is then the third byte.
        int type = decoded != null ? decoded.type() : frame[2];
        if (type != PacketType.ANNOUNCE || !from.authenticated()) {
            return;
        }
        Packet p = decoded;
        if (p == null) {
            try {
                p = PacketCodec.decode(frame);
            } catch (PacketDecodeException e) {
                return; // it passed the router's fast path; nothing to count twice
            }
        }
        directory.onAnnounceCopy(p.origin(), p.id(), p.hops(), from.peerId());
    }

    /** Node thread: {@code packet} was screened as new; {@code valid} is its signature check. */
    private void onChecked(Packet packet, LinkSession from, boolean valid) {
        Instant now = node.clock().instant();
        Decision<LinkSession> d = router.complete(packet, valid, from, links.readyLinks(),
                now.toEpochMilli());
        if (d.outcome() == FloodRouter.Outcome.DUPLICATE) {
            noteAnnounceCopy(packet, null, from);
        }
        apply(d, from, now);
    }

    private void apply(Decision<LinkSession> d, LinkSession from, Instant now) {
        Counters counters = node.counters();
        switch (d.outcome()) {
            case DUPLICATE, OWN_ECHO -> counters.duplicates.incrementAndGet();
            case MALFORMED, BAD_SIGNATURE -> {
                counters.invalid.incrementAndGet();
                Object what = d.packet() != null ? d.packet() : "frame";
                node.refusals().info(log, "dropped {} {} via {}: {}", d.outcome(), what, from,
                        d.reason());
                if (d.outcome() == FloodRouter.Outcome.MALFORMED && d.packet() == null) {
                    // The envelope itself did not decode (a body that does not is the origin's
                    // doing, signed, and its relay may not be at fault): the neighbour's fault.
                    limits.strike(from, "malformed envelope: " + d.reason());
                }
            }
            case REPLAYED -> {
                counters.replayed.incrementAndGet();
                log.debug("dropped replayed {} via {}", d.packet(), from);
            }
            case STALE -> {
                counters.stale.incrementAndGet();
                log.debug("dropped {} via {}: {}", d.packet(), from, d.reason());
            }
            case UNVERIFIED -> throw new IllegalStateException("not checked: " + d.packet());
            case ACCEPTED -> accept(d, from, now);
        }
    }

    private void accept(Decision<LinkSession> d, LinkSession from, Instant now) {
        accept(d, from, now, false);
    }

    /**
     * {@code caughtUp}: handed over by catch-up, within the link's catch-up budget, so the
     * origin's rate limit (made for live traffic) does not apply.
     */
    private void accept(Decision<LinkSession> d, LinkSession from, Instant now,
            boolean caughtUp) {
        Packet p = d.packet();
        if (!caughtUp && !limits.admitOrigin(p.origin())) {
            return; // over its origin's budget: neither shown nor relayed
        }
        if (d.body() instanceof GroupBodies.Membership m
                && (!m.member().equals(p.origin())
                        || m.groups().size() > node.config().maxGroupsPerNode())) {
            // Signed, but claiming to act for another node (or listing too many groups): every
            // node rejects it, so it is not relayed either.
            node.counters().invalid.incrementAndGet();
            node.refusals().info(log, "rejected membership packet from {} naming {}",
                    p.origin(), m.member());
            return;
        }
        boolean newest = directory.heardFrom(p.origin(), p.timestamp(), now);
        if (d.deliver() && !deliver(p, d.body(), from, now, newest)) {
            return; // a private box its target (this node) refused: nobody else could open it
        }
        sync.record(p);
        if (d.forwardFrame() == null) {
            return;
        }
        if (d.body() instanceof DirectBody box) {
            if (box.addressedTo(node.identity().id())) {
                return; // only this node could open it: nobody else needs a copy
            }
            LinkSession hop = box.flood() ? null : direct.service().nextHop(box.target(), from);
            if (hop != null) {
                // Along the route; with none known here (or only back where it came from),
                // the copy floods on instead, so a route broken or unknown here still delivers.
                node.counters().relayed.incrementAndGet();
                outbox.send(hop, d.forwardFrame());
                return;
            }
        }
        node.counters().relayed.incrementAndGet();
        if (d.body() instanceof TopicBody t && topics.fanout().prunes(t.topic())) {
            outbox.sendAll(topics.fanout().targets(t.topic(), p.origin(), from), d.forwardFrame());
            return;
        }
        outbox.sendAll(d.forwardTo(), d.forwardFrame());
    }

    /**
     * Acts on a packet locally; false if it proved invalid here, so it must not be forwarded
     * either. {@code newest}: newer than anything heard from a known origin before.
     */
    private boolean deliver(Packet p, PacketBody body, LinkSession from, Instant now,
            boolean newest) {
        boolean stale = directory.isStale(p.origin(), p.timestamp());
        if (body instanceof AnnounceBody a) {
            if (!stale) {
                presence.onAnnounce(p, a, from, now);
            }
        } else if (body instanceof Bodies.Goodbye) {
            // Goodbyes skip the replay window, so one from an earlier run, replayed once the seen
            // cache forgot it, must not make a live node leave: it is older than its announces.
            if (newest || !directory.knows(p.origin())) {
                presence.onGoodbye(p, now);
            }
        } else if (body instanceof GroupBodies.Membership m) {
            if (!stale) {
                groups.onMembership(p, m);
            }
        } else if (body instanceof GroupBodies.GroupMessage m) {
            groups.onGroupMessage(p, m); // an older node's: the chat sends TOPIC messages now
        } else if (body instanceof Bodies.Broadcast b) {
            broadcasts.onBroadcast(p, b.text()); // an older node's, likewise
        } else if (body instanceof Bodies.Private m) {
            return privates.onPrivate(p, m);
        } else if (body instanceof DirectBody box) {
            return direct.service().onDirect(p, box);
        } else if (body instanceof TopicBody t) {
            return topics.onTopic(p, t, now != null ? now : node.clock().instant());
        }
        return true;
    }
}
