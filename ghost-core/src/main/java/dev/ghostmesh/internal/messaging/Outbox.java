package dev.ghostmesh.internal.messaging;

import dev.ghostmesh.MessageId;
import dev.ghostmesh.SecurityProfile;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.link.LinkManager;
import dev.ghostmesh.internal.link.LinkSession;
import dev.ghostmesh.internal.router.FloodRouter;
import dev.ghostmesh.internal.runtime.NodeContext;
import java.security.SecureRandom;
import java.util.List;

/**
 * Signs this node's own packets (unless its profile is open) and puts frames on links. Own
 * timestamps never go backwards, even if the clock does, because membership statements are
 * ordered by them; sequence numbers come from a {@link SequenceSource}, for receivers' replay
 * windows.
 *
 * <p>Threading: confined to the node thread.
 */
public final class Outbox {
    private final NodeContext node;
    private final LinkManager links;
    private final FloodRouter<LinkSession> router;
    private final SecureRandom idRandom = new SecureRandom();
    private final SequenceSource sequence;
    /** Told of every packet this node signs (catch-up keeps its messages). */
    private java.util.function.Consumer<Packet> onOwn = p -> { };
    private long lastTimestamp = Long.MIN_VALUE;
    /** False in the open profile, whose packets carry an empty signature. */
    private final boolean signs;

    public Outbox(NodeContext node, LinkManager links, FloodRouter<LinkSession> router) {
        this.node = node;
        this.links = links;
        this.router = router;
        this.signs = node.config().profile() == SecurityProfile.SECURE;
        this.sequence = new SequenceSource(() -> node.clock().millis());
    }

    /** Signs a packet from this node and floods it to every ready link. */
    public Packet originate(int type, byte[] body) {
        return originate(type, newId(), body);
    }

    /** As {@link #originate(int, byte[])} with a chosen id (sealed bodies bind their id). */
    public Packet originate(int type, MessageId id, byte[] body) {
        Packet p = sign(type, id, defaultTtl(type), body);
        sendAll(links.readyLinks(), p.frame());
        return p;
    }

    /** As {@link #originate(int, byte[])} with a chosen hop limit (1..127). */
    public Packet originate(int type, int ttl, byte[] body) {
        Packet p = sign(type, newId(), ttl, body);
        sendAll(links.readyLinks(), p.frame());
        return p;
    }

    /** Signs a packet from this node with a chosen hop limit and marks it seen, unsent. */
    public Packet sign(int type, int ttl, byte[] body) {
        return sign(type, newId(), ttl, body);
    }

    /** Tells {@code observer} of every packet this node signs from now on. Node thread. */
    public void onOwnPacket(java.util.function.Consumer<Packet> observer) {
        this.onOwn = observer;
    }

    /** A fresh random message id. */
    public MessageId newId() {
        return MessageId.random(idRandom);
    }

    /** Signs a packet from this node and marks it seen, without sending it. */
    public Packet sign(int type, byte[] body) {
        return sign(type, newId(), defaultTtl(type), body);
    }

    /** As {@link #sign(int, byte[])} with a chosen id (sealed bodies bind their id). */
    public Packet sign(int type, MessageId id, byte[] body) {
        return sign(type, id, defaultTtl(type), body);
    }

    private int defaultTtl(int type) {
        return type == PacketType.ANNOUNCE ? node.config().announceTtl() : node.config().ttl();
    }

    private Packet sign(int type, MessageId id, int ttl, byte[] body) {
        long now = Math.max(node.clock().millis(), lastTimestamp + 1);
        lastTimestamp = now;
        byte[] frame = PacketCodec.encode(node.identity(), signs ? node.signatures() : null,
                type, id, ttl, now, sequence.next(), body);
        Packet p;
        try {
            p = PacketCodec.decode(frame);
        } catch (PacketDecodeException e) {
            throw new IllegalStateException("own packet does not decode: " + e.getMessage(), e);
        }
        router.originate(p, List.of(), now);
        onOwn.accept(p);
        return p;
    }

    public void sendAll(List<LinkSession> targets, byte[] frame) {
        for (LinkSession target : targets) {
            send(target, frame);
        }
    }

    public void send(LinkSession target, byte[] frame) {
        if (!target.send(frame)) {
            node.counters().sendDropped.incrementAndGet();
        }
    }
}
