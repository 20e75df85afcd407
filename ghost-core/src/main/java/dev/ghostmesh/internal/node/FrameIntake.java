package dev.ghostmesh.internal.node;

import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.crypto.NoiseHandshake;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.TransportContext;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transports' view of a node: every callback is handed to the node thread, where frames are
 * dispatched by type to the link handshake or the router. Frames waiting for the node thread are
 * bounded by count and by bytes (16k frames of 64 KiB would otherwise be a gigabyte); beyond
 * either bound new frames are dropped and counted.
 *
 * <p>Threading: the {@code TransportContext} methods are called by transport I/O threads and
 * never block; {@code dispatch} runs on the node thread.
 */
final class FrameIntake implements TransportContext {
    private static final Logger log = LoggerFactory.getLogger(FrameIntake.class);

    private final NodeContext node;
    private final NodeLoop loop;
    private final LinkManager links;
    private final PacketHandler packets;
    private final RateLimits limits;
    private final AtomicInteger pendingFrames = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();

    FrameIntake(NodeContext node, NodeLoop loop, LinkManager links, PacketHandler packets,
            RateLimits limits) {
        this.node = node;
        this.limits = limits;
        this.loop = loop;
        this.links = links;
        this.packets = packets;
    }

    @Override
    public void onLinkUp(Link link) {
        if (!loop.execute(() -> links.onLinkUp(link))) {
            link.close(); // the node has stopped
        }
    }

    @Override
    public void onFrame(Link link, byte[] frame) {
        int size = frame.length;
        if (pendingFrames.incrementAndGet() > node.config().maxPendingFrames()
                | pendingBytes.addAndGet(size) > node.config().maxPendingBytes()) {
            release(size);
            node.counters().inboundDropped.incrementAndGet();
            return;
        }
        if (!loop.execute(() -> {
            release(size);
            dispatch(link, frame);
        })) {
            release(size);
        }
    }

    private void release(int size) {
        pendingFrames.decrementAndGet();
        pendingBytes.addAndGet(-size);
    }

    @Override
    public void onLinkDown(Link link, Throwable cause) {
        loop.execute(() -> links.onLinkDown(link, cause));
    }

    @Override
    public int maxFrameSize() {
        return NoiseHandshake.MAX_MESSAGE;
    }

    private void dispatch(Link link, byte[] encrypted) {
        LinkSession s = links.session(link);
        if (s == null || (s.closeReason != null && !s.ready())) {
            // Closed meanwhile, or refused during the handshake: frames still in flight must
            // not complete a handshake this node already turned down.
            return;
        }
        s.lastReceivedNanos = System.nanoTime();
        if (s.cipher == null) {
            links.onHandshakeFrame(s, encrypted);
            return;
        }
        byte[] frame;
        try {
            frame = s.cipher.decrypt(encrypted);
        } catch (CryptoException e) {
            // Plaintext, a replayed or reordered frame, or tampering: the link's nonce stream
            // is broken for good, so the link goes.
            node.counters().invalid.incrementAndGet();
            links.close(s, e.getMessage());
            return;
        }
        if (!s.ready()) {
            links.onConfirmation(s, frame);
            return;
        }
        int type = PacketCodec.peekType(frame);
        if (type == PacketType.PING || type == PacketType.PONG) {
            links.onKeepalive(s, type);
        } else if (PacketType.isFlooded(type)) {
            if (limits.admit(s)) {
                packets.onPacket(s, frame);
            }
        } else if (type > PacketType.MAX_FLOODED) {
            log.debug("ignored unknown link-control type {} from {}", type, s);
        } else {
            node.counters().invalid.incrementAndGet();
            links.close(s, "malformed frame");
        }
    }
}
