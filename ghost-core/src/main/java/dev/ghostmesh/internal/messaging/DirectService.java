package dev.ghostmesh.internal.messaging;

import dev.ghostmesh.Delivery;
import dev.ghostmesh.MeshException;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.DirectBody;
import dev.ghostmesh.internal.codec.DirectContent;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.crypto.PrivateBox;
import dev.ghostmesh.internal.directory.Directory;
import dev.ghostmesh.internal.link.LinkManager;
import dev.ghostmesh.internal.link.LinkSession;
import dev.ghostmesh.internal.runtime.NodeContext;
import dev.ghostmesh.internal.runtime.Timer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Direct messages and requests: sealed end to end to one node like private messages, and sent
 * along the route the directory knows instead of to every node. Each send is tracked until its
 * receipt (or reply) arrives: the first copy goes to the next hop, and if no answer came within
 * the retry interval a second copy is flooded, which reaches the target around a broken route.
 * Both copies carry the same application id ({@code mid}), so the target delivers once and
 * answers each copy. A send to a node whose key is not known yet waits for its announce, up to
 * the send's deadline.
 *
 * <p>What the outcome means is the caller's: an {@link Outcome} is told of the answer or the
 * failure (the public futures, the chat's delivered/undelivered events).
 *
 * <p>Threading: confined to the node's loop.
 */
public final class DirectService {
    private static final Logger log = LoggerFactory.getLogger(DirectService.class);
    /** Most sends waiting for an answer; beyond it the oldest fails. */
    static final int MAX_PENDING = 4096;
    /** Recent (origin, mid) this node delivered, so a retried copy is not delivered again. */
    static final int MAX_REMEMBERED = 4096;
    /** How often a send waiting for its target's key looks again. */
    private static final long KEY_WAIT_MILLIS = 250;

    /** Told how a send ended. Called on the loop. */
    public interface Outcome {
        /** The target answered: a receipt's status, or a reply. */
        void answered(DirectContent.Content answer, int hops);

        /**
         * No answer before the deadline (a {@link TimeoutException}), or the send could not be
         * made (a {@link MeshException}); the message says why.
         */
        void failed(Exception why);
    }

    /** Where received messages and requests go. Called on the loop. */
    public interface Receiver {
        /** A direct message (chat or application); returns its receipt status. */
        int onMessage(Packet p, DirectContent.Message m);

        /** A request; answers by calling {@link DirectService#reply} later (or at once). */
        void onRequest(Packet p, DirectContent.Request r, boolean flooded);
    }

    private final NodeContext node;
    private final Directory directory;
    private final Outbox outbox;
    private final LinkManager links;
    private final Receiver receiver;
    private final BoxOpener opener;
    private final long retryMillis;
    private final Map<MessageId, Pending> pending = new LinkedHashMap<>();
    /** Statuses of recently delivered messages, by origin and mid, for retried copies. */
    private final Map<String, Integer> delivered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    /** One send waiting for its answer. */
    private final class Pending {
        final MessageId mid;
        final NodeId target;
        final byte[] content;
        final Outcome outcome;
        final Duration within;
        final long deadlineNanos;
        int copies;
        Timer timer;

        Pending(MessageId mid, NodeId target, byte[] content, Outcome outcome, Duration within) {
            this.mid = mid;
            this.target = target;
            this.content = content;
            this.outcome = outcome;
            this.within = within;
            this.deadlineNanos = node.clock().nanoTime() + within.toNanos();
        }
    }

    public DirectService(NodeContext node, Directory directory, Outbox outbox, LinkManager links,
            Receiver receiver, Duration retry) {
        this.node = node;
        this.directory = directory;
        this.outbox = outbox;
        this.links = links;
        this.receiver = receiver;
        this.opener = new BoxOpener(node, directory);
        this.retryMillis = retry.toMillis();
    }

    /** A fresh application id. */
    public MessageId newId() {
        return outbox.newId();
    }

    /**
     * Sends {@code content} (a message or a request named {@code mid}) to {@code target} and
     * tracks it until its answer or {@code within}.
     */
    public void send(NodeId target, MessageId mid, byte[] content, Duration within,
            Outcome outcome) {
        if (pending.size() >= MAX_PENDING) {
            Pending oldest = pending.values().iterator().next();
            finish(oldest).outcome.failed(new MeshException("too many messages waiting for "
                    + "an answer (" + MAX_PENDING + ")"));
        }
        Pending p = new Pending(mid, target, content, outcome, within);
        pending.put(mid, p);
        attempt(p);
    }

    /** Sends a copy of {@code p}, or waits for the target's key; then sets the next step. */
    private void attempt(Pending p) {
        long now = node.clock().nanoTime();
        if (now - p.deadlineNanos >= 0) {
            finish(p).outcome.failed(p.copies == 0
                    ? new MeshException("no key for " + p.target.shortHex() + " within "
                            + seconds(p) + ": it has not announced itself to this node")
                    : new TimeoutException("no answer from " + directory.nameOf(p.target)
                            + " within " + seconds(p)));
            return;
        }
        byte[] key = directory.agreementKeyOf(p.target);
        long next;
        if (key == null) {
            next = KEY_WAIT_MILLIS; // its announce may be on its way
        } else {
            // The first copy follows the route; a later one floods, around a broken route.
            if (!sendBox(p.target, key, p.content, p.copies > 0)) {
                finish(p).outcome.failed(new MeshException("cannot seal a message to "
                        + p.target.shortHex()));
                return;
            }
            p.copies++;
            next = p.copies == 1 ? retryMillis : Long.MAX_VALUE;
        }
        long untilDeadline = Math.max(0, (p.deadlineNanos - now) / 1_000_000 + 1);
        p.timer = node.loop().schedule(() -> attempt(p), Math.min(next, untilDeadline));
    }

    private static String seconds(Pending p) {
        long ms = p.within.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private Pending finish(Pending p) {
        pending.remove(p.mid);
        if (p.timer != null) {
            p.timer.cancel();
        }
        return p;
    }

    /**
     * Seals {@code content} to {@code key} and sends it: to the next hop towards
     * {@code target}, or to every link if {@code flood} or no route is known. False if it could
     * not be sealed.
     */
    boolean sendBox(NodeId target, byte[] key, byte[] content, boolean flood) {
        NodeId self = node.identity().id();
        LinkSession hop = flood ? null : nextHop(target, null);
        MessageId id = outbox.newId();
        PrivateBox.Sealed sealed;
        try {
            sealed = PrivateBox.seal(node.identity(), key,
                    BoxOpener.context(id, self, target), content);
        } catch (CryptoException e) {
            log.debug("cannot seal to {}: {}", target.shortHex(), e.getMessage());
            return false;
        }
        byte[] body = new DirectBody(target, node.identity().agreementPublicKey(),
                sealed.ephemeralPublic(), sealed.ciphertext(), hop == null).encode();
        Packet packet = outbox.sign(PacketType.DIRECT, id, body);
        if (hop != null) {
            outbox.send(hop, packet.frame());
        } else {
            outbox.sendAll(links.readyLinks(), packet.frame());
        }
        return true;
    }

    /**
     * The ready link towards {@code target}'s next hop, or null if no route is known, its link
     * is gone, or it leads back to {@code from} (the route has a loop or is stale).
     */
    public LinkSession nextHop(NodeId target, LinkSession from) {
        NodeId hop = directory.nextHop(target);
        if (hop == null) {
            return null;
        }
        LinkSession link = links.readyLinkTo(hop);
        return link == from ? null : link;
    }

    /**
     * A DIRECT packet addressed to this node. False if the box is invalid (dropped, counted):
     * only this node could ever open it, so it goes no further either.
     */
    public boolean onDirect(Packet p, DirectBody box) {
        DirectContent.Content content = opener.open(p, box.target(), box.senderKey(),
                box.ephemeral(), box.sealed(), "direct message", DirectContent::decode);
        if (content == null) {
            return false;
        }
        if (content instanceof DirectContent.Message m) {
            String key = p.origin() + "/" + m.mid();
            Integer status = delivered.get(key);
            if (status == null) {
                status = receiver.onMessage(p, m);
                delivered.put(key, status);
            }
            // Every copy is answered: the receipt of an earlier one may be what got lost.
            sendBox(p.origin(), box.senderKey(), DirectContent.receipt(m.mid(), status),
                    box.flood());
        } else if (content instanceof DirectContent.Request r) {
            receiver.onRequest(p, r, box.flood());
        } else {
            Pending waiting = pending.get(content.mid());
            if (waiting != null && waiting.target.equals(p.origin())) {
                finish(waiting).outcome.answered(content, p.hops());
            }
        }
        return true;
    }

    /** Answers request {@code mid} of {@code origin} with {@code status} and {@code payload}. */
    public void reply(NodeId origin, MessageId mid, int status, byte[] payload, boolean flood) {
        byte[] key = directory.agreementKeyOf(origin);
        if (key != null) {
            sendBox(origin, key, DirectContent.reply(mid, status, payload), flood);
        }
    }

    /** A delivery record for a direct message or request. */
    public Delivery delivery(Packet p, MessageId mid, String topic, byte[] payload) {
        return new Delivery(topic, ByteBuffer.wrap(payload), p.origin(),
                directory.nameOf(p.origin()), mid, p.hops(), Instant.ofEpochMilli(p.timestamp()),
                node.clock().instant(), Optional.empty(), Optional.empty(), true);
    }

    /** Sends waiting for an answer (for status and tests). */
    public int pendingCount() {
        return pending.size();
    }
}
