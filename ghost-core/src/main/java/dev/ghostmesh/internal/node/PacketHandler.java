package dev.ghostmesh.internal.node;

import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.router.FloodRouter;
import dev.ghostmesh.internal.router.FloodRouter.Decision;
import dev.ghostmesh.internal.router.SeenCache;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the flood router's decisions: delivers chat to listeners, keeps the directory from
 * announces and goodbyes, forwards to links, and originates this node's own packets.
 *
 * <p>Threading: confined to the node thread.
 */
final class PacketHandler {
    private static final Logger log = LoggerFactory.getLogger(PacketHandler.class);

    private final NodeContext node;
    private final LinkManager links;
    private final Directory directory;
    private final FloodRouter<LinkSession> router;
    private final SecureRandom idRandom = new SecureRandom();
    private Packet ownAnnounce;

    PacketHandler(NodeContext node, LinkManager links, Directory directory) {
        this.node = node;
        this.links = links;
        this.directory = directory;
        NodeConfig c = node.config();
        this.router = new FloodRouter<>(node.identity().nodeId(),
                new SeenCache(c.seenCacheCapacity(), c.seenCacheMaxAge().toMillis()));
    }

    void onPacket(LinkSession from, byte[] frame) {
        Instant now = node.clock().instant();
        Decision<LinkSession> d = router.route(frame, from, links.readyLinks(), now.toEpochMilli());
        Counters counters = node.counters();
        switch (d.outcome()) {
            case DUPLICATE, OWN_ECHO -> counters.duplicates.incrementAndGet();
            case MALFORMED, BAD_SIGNATURE -> {
                counters.invalid.incrementAndGet();
                log.debug("dropped {} frame from {}: {}", d.outcome(), from, d.reason());
            }
            case ACCEPTED -> accept(d, from, now);
        }
    }

    private void accept(Decision<LinkSession> d, LinkSession from, Instant now) {
        Packet p = d.packet();
        directory.touch(p.origin(), now);
        if (d.deliver()) {
            deliver(p, d.body(), now);
        }
        if (d.forwardFrame() != null) {
            node.counters().relayed.incrementAndGet();
            sendAll(d.forwardTo(), d.forwardFrame());
        }
    }

    private void deliver(Packet p, Object body, Instant now) {
        if (body instanceof Bodies.Announce a) {
            NodeInfo fresh = directory.onAnnounce(p, a, now, links.isDirectPeer(p.origin()));
            if (fresh != null) {
                node.listeners().publish(l -> l.onNodeDiscovered(fresh));
            }
        } else if (body instanceof FloodRouter.Goodbye) {
            NodeInfo gone = directory.remove(p.origin(), now);
            if (gone != null) {
                node.listeners().publish(l -> l.onNodeLeft(gone));
            }
        } else if (body instanceof Bodies.Broadcast b) {
            publishMessage(p, MessageKind.BROADCAST, Optional.empty(), b.text());
        } else if (body instanceof Bodies.Private m) {
            publishMessage(p, MessageKind.PRIVATE, Optional.of(m.target()), m.text());
        }
    }

    private void publishMessage(Packet p, MessageKind kind, Optional<NodeId> target, String text) {
        Message m = new Message(p.id(), kind, p.origin(), directory.nameOf(p.origin()), target,
                text, Instant.ofEpochMilli(p.timestamp()), p.hops());
        node.counters().delivered.incrementAndGet();
        node.listeners().publish(l -> l.onMessage(m));
    }

    /** Signs and floods a chat message from this node; returns it as sent. */
    Message originateChat(MessageKind kind, NodeId target, String text) {
        byte[] body = kind == MessageKind.PRIVATE ? Bodies.privateMessage(target, text)
                : Bodies.broadcast(text);
        int type = kind == MessageKind.PRIVATE ? PacketType.PRIVATE : PacketType.BROADCAST;
        Packet p = originate(type, body);
        node.counters().sent.incrementAndGet();
        return new Message(p.id(), kind, node.identity().nodeId(), node.username(),
                Optional.ofNullable(target), text, Instant.ofEpochMilli(p.timestamp()), 0);
    }

    /** Floods a GOODBYE; links are closed by the caller afterwards, which flushes it. */
    void sayGoodbye() {
        if (!links.readyLinks().isEmpty()) {
            originate(PacketType.GOODBYE, Bodies.goodbye());
        }
    }

    /** Brings a newly authenticated link up to date: our announce, then everyone we know. */
    void onLinkReady(LinkSession s) {
        NodeInfo fresh = directory.onPeer(s.peerId(), s.peer.username(), s.peer.listenPort(),
                node.clock().instant());
        if (fresh != null) {
            node.listeners().publish(l -> l.onNodeDiscovered(fresh));
        }
        send(s, ownAnnounce().frame());
        for (Packet announce : directory.announces()) {
            // A late copy of a signed announce is just a delayed forward: one hop spent.
            if (announce.ttl() > 1 && !announce.origin().equals(s.peerId())) {
                send(s, announce.withTtl(announce.ttl() - 1));
            }
        }
    }

    private Packet ownAnnounce() {
        if (ownAnnounce == null) {
            Bodies.Announce a = new Bodies.Announce(node.username(), node.identity().codename(),
                    node.listenPort());
            byte[] frame = PacketCodec.encode(node.identity(), PacketType.ANNOUNCE,
                    MessageId.random(idRandom), node.config().ttl(),
                    node.clock().millis(), Bodies.announce(a));
            ownAnnounce = decodeOwn(frame);
            router.originate(ownAnnounce, List.of(), node.clock().millis());
        }
        return ownAnnounce;
    }

    private Packet originate(int type, byte[] body) {
        long now = node.clock().millis();
        byte[] frame = PacketCodec.encode(node.identity(), type, MessageId.random(idRandom),
                node.config().ttl(), now, body);
        Packet p = decodeOwn(frame);
        sendAll(router.originate(p, links.readyLinks(), now), frame);
        return p;
    }

    private void sendAll(List<LinkSession> targets, byte[] frame) {
        for (LinkSession target : targets) {
            send(target, frame);
        }
    }

    private void send(LinkSession target, byte[] frame) {
        if (!target.link.send(frame)) {
            node.counters().sendDropped.incrementAndGet();
        }
    }

    private static Packet decodeOwn(byte[] frame) {
        try {
            return PacketCodec.decode(frame);
        } catch (PacketDecodeException e) {
            throw new IllegalStateException("own packet does not decode: " + e.getMessage(), e);
        }
    }
}
