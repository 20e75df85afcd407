package dev.ghostmesh.internal.link;

import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.crypto.FrameCipher;
import dev.ghostmesh.internal.crypto.NoiseHandshake;
import dev.ghostmesh.internal.runtime.LoopInbox;
import dev.ghostmesh.internal.runtime.NodeContext;
import dev.ghostmesh.internal.runtime.NodeLoop;
import dev.ghostmesh.internal.runtime.NodeLoopContext;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.TransportContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transports' view of a node: every callback is handed to the node thread, where frames are
 * dispatched by type to the link handshake or the router. Frames waiting for the node thread are
 * bounded by count and by bytes (16k frames of 64 KiB would otherwise be a gigabyte), and one
 * link may hold at most three quarters of either bound, so a link flooding faster than the node
 * can take its frames cannot crowd out the others'.
 *
 * <p>A frame dropped here is lost to its link's cipher, whose nonces count frames: the next one
 * would not decrypt. So a link that loses a frame is closed on the node thread once the frames
 * queued before the loss are handled. If it overran its own share it was flooding: its queued
 * frames are dropped unread and its node is banned as by the rate limit. If the whole queue was
 * full, it was not at fault.
 *
 * <p>Transport events wait in one queue that a single node-thread task drains in bursts, so a
 * read that brings many frames wakes the node thread once rather than once per frame.
 *
 * <p>Threading: the {@code TransportContext} methods are called by transport I/O threads and
 * never block; {@code dispatch} runs on the node thread.
 */
public final class FrameIntake extends NodeLoopContext implements TransportContext {
    private static final Logger log = LoggerFactory.getLogger(FrameIntake.class);

    private final NodeContext node;
    private final LinkManager links;
    private final PacketSink packets;
    private final RateLimits limits;
    /** Transport events in arrival order; bounded through the frame counts below. */
    private final LoopInbox inbox;
    private final AtomicInteger pendingFrames = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();
    /** Queued frames per open link; an entry lives from onLinkUp to onLinkDown. */
    private final Map<Link, Backlog> backlogs = new ConcurrentHashMap<>();

    /** One link's frames waiting for the node thread. */
    private static final class Backlog {
        final AtomicInteger frames = new AtomicInteger();
        final AtomicLong bytes = new AtomicLong();
        /** Set once the link lost a frame: later frames are dropped on arrival. */
        volatile boolean broken;
        /** Set once it overran its share: frames still queued are dropped unread too. */
        volatile boolean flooding;
    }

    public FrameIntake(NodeContext node, NodeLoop loop, LoopInbox inbox, LinkManager links,
            PacketSink packets, RateLimits limits) {
        super(loop, node.clock());
        this.node = node;
        this.inbox = inbox;
        this.limits = limits;
        this.links = links;
        this.packets = packets;
    }

    @Override
    public void onLinkUp(Link link) {
        backlogs.put(link, new Backlog());
        if (!inbox.offer(() -> links.onLinkUp(link))) {
            link.close(); // the node has stopped
        }
    }

    @Override
    public void onFrame(Link link, byte[] frame) {
        Backlog b = backlogs.get(link);
        if (b == null || b.broken) {
            node.counters().inboundDropped.incrementAndGet();
            return;
        }
        int size = frame.length;
        long maxFrames = node.config().maxPendingFrames();
        long maxBytes = node.config().maxPendingBytes();
        boolean queueFull = pendingFrames.incrementAndGet() > maxFrames
                | pendingBytes.addAndGet(size) > maxBytes;
        boolean overShare = b.frames.incrementAndGet() > maxFrames * 3 / 4
                | b.bytes.addAndGet(size) > maxBytes * 3 / 4;
        if (queueFull || overShare) {
            release(b, size);
            node.counters().inboundDropped.incrementAndGet();
            b.broken = true;
            b.flooding = overShare;
            inbox.offer(() -> onFrameLost(link, overShare));
            return;
        }
        // If the node has stopped the frame is simply never handled; its counts no longer matter.
        inbox.offer(() -> {
            release(b, size);
            if (b.flooding) {
                node.counters().inboundDropped.incrementAndGet();
            } else {
                dispatch(link, frame);
            }
        });
    }

    /** Frames waiting for the node thread: non-zero means the node is not keeping up. */
    public int framesWaiting() {
        return pendingFrames.get();
    }

    private void release(Backlog b, int size) {
        pendingFrames.decrementAndGet();
        pendingBytes.addAndGet(-size);
        b.frames.decrementAndGet();
        b.bytes.addAndGet(-size);
    }

    /** Node thread: a frame of {@code link} was dropped on arrival, so the link must go. */
    private void onFrameLost(Link link, boolean overShare) {
        LinkSession s = links.session(link);
        if (s == null) {
            return;
        }
        if (overShare) {
            limits.overran(s);
        } else {
            links.close(s, "the node's inbound queue was full: a frame was dropped");
        }
    }

    @Override
    public void onLinkDown(Link link, Throwable cause) {
        backlogs.remove(link);
        inbox.offer(() -> links.onLinkDown(link, cause));
    }

    @Override
    public int maxFrameSize() {
        return NoiseHandshake.MAX_MESSAGE;
    }

    private void dispatch(Link link, byte[] encrypted) {
        LinkSession s = links.session(link);
        if (s == null || (s.closing() && !s.authenticated())) {
            // Closed meanwhile, or refused during the handshake: frames still in flight must
            // not complete a handshake this node already turned down.
            return;
        }
        s.lastReceivedNanos = node.clock().nanoTime();
        FrameCipher cipher = s.cipher();
        if (cipher == null) {
            links.onHandshakeFrame(s, encrypted);
            return;
        }
        byte[] frame;
        try {
            frame = cipher.decrypt(encrypted);
        } catch (CryptoException e) {
            // Plaintext, a replayed or reordered frame, or tampering: the link's nonce stream
            // is broken for good, so the link goes.
            node.counters().invalid.incrementAndGet();
            links.close(s, e.getMessage());
            return;
        }
        if (!s.authenticated()) {
            links.onConfirmation(s, frame);
            return;
        }
        // Every frame spends the link's budget, control frames too: a PING flood would
        // otherwise cost an encrypted PONG each.
        if (!limits.admit(s)) {
            return;
        }
        int type = PacketCodec.peekType(frame);
        if (type == PacketType.PING || type == PacketType.PONG) {
            links.onKeepalive(s, type);
        } else if (PacketType.isFlooded(type)) {
            packets.onPacket(s, frame);
        } else if (type >= PacketType.SYNC_SUMMARY && type <= PacketType.SYNC_PACKET) {
            packets.onCatchUpFrame(s, type, frame);
        } else if (type > PacketType.MAX_FLOODED) {
            log.debug("ignored unknown link-control type {} from {}", type, s);
        } else {
            // Not a fixarray, 1 and a type fixint: dropped and counted, and a strike (see
            // RateLimits.strike); frames of other versions never reach a version-1 link.
            node.counters().invalid.incrementAndGet();
            limits.strike(s, "frame header is not [1, type]");
        }
    }
}
