package dev.ghostmesh.internal.sync;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.SyncFrames;
import dev.ghostmesh.internal.link.LinkManager;
import dev.ghostmesh.internal.link.LinkSession;
import dev.ghostmesh.internal.runtime.NodeContext;
import dev.ghostmesh.internal.runtime.TokenBucket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catch-up between neighbours (PROTOCOL.md, "Catch-up"): each node keeps the recent message
 * packets it accepted ({@link SyncLog}); when a link comes up, every {@link #PERIOD_MILLIS}, and
 * shortly after it learned packets by catch-up, it sends each neighbour a summary of them. For
 * every origin the summaries disagree on, each side sends the sequence numbers it holds, and
 * the other asks for the ones it lacks; packets go only in answer to such a request, within a
 * per-link budget of bytes. A packet learned this way is shown, marked late, and changes this node's
 * summary, so the rest of its side of a healed partition learns it from it in turn.
 *
 * <p>Threading: confined to the node thread.
 */
public final class SyncService implements LinkManager.Events {
    private static final Logger log = LoggerFactory.getLogger(SyncService.class);

    /** How often every link gets a summary, to mend whatever was missed. */
    public static final long PERIOD_MILLIS = 30_000;
    /** How soon after learning packets by catch-up the other links get a summary. */
    static final long SPREAD_DELAY_MILLIS = 200;
    /**
     * Bytes of packets a link may be sent in answer to requests: per second, and at once. In
     * bytes, not packets, so that whatever the packets' size the answers never take more than
     * a quarter of the link's 4 MiB outbound queue: a burst of them cannot overflow it (which
     * closes the link) however slowly the peer reads.
     */
    static final double ANSWER_BYTES_PER_SECOND = 1 << 20;
    static final double ANSWER_BURST_BYTES = 1 << 20;
    /** Summary lines kept per link until its last page arrives. */
    static final int MAX_PENDING_LINES = 8 * SyncFrames.MAX_ORIGINS;

    /** Where caught-up packets go to be checked and shown; the node's packet handling. */
    public interface CatchUpSink {
        /** True if {@code frame} was a packet new to this node, now shown (late) and logged. */
        boolean catchUp(LinkSession from, byte[] frame);
    }

    private final NodeContext node;
    private final LinkManager links;
    private final SyncLog packets;
    private final long windowMillis;
    private CatchUpSink sink;
    private final Map<LinkSession, TokenBucket> answerBudgets = new IdentityHashMap<>();
    private final Map<LinkSession, List<SyncFrames.OriginLine>> pendingLines =
            new IdentityHashMap<>();
    private boolean spreadScheduled;

    public SyncService(NodeContext node, LinkManager links, SyncLog log, long windowMillis) {
        this.node = node;
        this.links = links;
        this.packets = log;
        this.windowMillis = windowMillis;
    }

    /** Set once, when the node's packet handling is built. */
    public void sink(CatchUpSink sink) {
        this.sink = sink;
    }

    /** The log, for the node's packet handling to record accepted packets in. */
    public SyncLog log() {
        return packets;
    }

    /** Keeps a message packet this node accepted or sent, if catch-up carries its kind. */
    public void record(Packet p) {
        if (carries(p.type())) {
            packets.add(p);
        }
    }

    /** Messages for everyone (the chat's, topics'); not DIRECT or PRIVATE, not state. */
    public static boolean carries(int type) {
        return !PacketType.isState(type) && type != PacketType.DIRECT
                && type != PacketType.PRIVATE;
    }

    /** The oldest timestamp catch-up carries now. */
    public long windowStart() {
        return node.clock().millis() - windowMillis;
    }

    @Override
    public void onPeerReady(LinkSession s) {
        sendSummary(s);
    }

    /** Every {@link #PERIOD_MILLIS}: forgets what left the window, summarises to every link. */
    public void tick() {
        packets.expire(windowStart());
        answerBudgets.keySet().removeIf(s -> !s.ready());
        pendingLines.keySet().removeIf(s -> !s.ready());
        links.readyLinks().forEach(this::sendSummary);
    }

    private void sendSummary(LinkSession s) {
        long start = windowStart();
        List<SyncLog.OriginSummary> mine = packets.summary(start);
        List<SyncFrames.OriginLine> lines = new ArrayList<>(mine.size());
        mine.forEach(o -> lines.add(new SyncFrames.OriginLine(o.origin(), o.count(), o.maxSeq(),
                o.digest())));
        int pages = Math.max(1, (lines.size() + SyncFrames.MAX_ORIGINS - 1)
                / SyncFrames.MAX_ORIGINS);
        for (int page = 0; page < pages; page++) {
            List<SyncFrames.OriginLine> part = lines.subList(page * SyncFrames.MAX_ORIGINS,
                    Math.min(lines.size(), (page + 1) * SyncFrames.MAX_ORIGINS));
            send(s, SyncFrames.summary(start, part, page == pages - 1));
        }
    }

    /** A catch-up frame from a ready link. */
    public void onFrame(LinkSession from, int type, byte[] frame) {
        try {
            switch (type) {
                case PacketType.SYNC_SUMMARY -> onSummary(from, SyncFrames.decodeSummary(frame));
                case PacketType.SYNC_SEQS -> onSeqs(from, SyncFrames.decodeSeqs(frame));
                case PacketType.SYNC_WANT -> onWant(from, SyncFrames.decodeWant(frame));
                case PacketType.SYNC_PACKET -> onPacket(from, SyncFrames.decodePacket(frame));
                default -> { }
            }
        } catch (PacketDecodeException e) {
            node.counters().invalid.incrementAndGet();
            node.refusals().info(log, "dropped a catch-up frame from {}: {}", from,
                    e.getMessage());
        }
    }

    private void onSummary(LinkSession from, SyncFrames.Summary summary) {
        List<SyncFrames.OriginLine> theirs = pendingLines.computeIfAbsent(from,
                s -> new ArrayList<>());
        if (theirs.size() + summary.origins().size() > MAX_PENDING_LINES) {
            theirs.clear(); // more pages than any honest node sends: start over
            node.counters().invalid.incrementAndGet();
            return;
        }
        theirs.addAll(summary.origins());
        if (!summary.last()) {
            return;
        }
        pendingLines.remove(from);
        long start = summary.windowStart();
        Map<NodeId, SyncLog.OriginSummary> mine = new HashMap<>();
        packets.summary(start).forEach(o -> mine.put(o.origin(), o));
        Set<NodeId> differ = new HashSet<>(mine.keySet());
        for (SyncFrames.OriginLine line : theirs) {
            SyncLog.OriginSummary m = mine.get(line.origin());
            if (m != null && m.count() == line.count() && m.maxSeq() == line.maxSeq()
                    && m.digest() == line.digest()) {
                differ.remove(line.origin());
            } else {
                differ.add(line.origin()); // held differently, or only there: compare numbers
            }
        }
        for (NodeId origin : differ) {
            send(from, SyncFrames.seqs(start, origin, toArray(packets.seqs(origin, start)),
                    false));
        }
    }

    /**
     * Asks for what the peer holds and this node lacks; and, unless this is itself a reply,
     * answers with this node's numbers when it holds some the peer lacks, so the peer can ask
     * for them too (it may not have read this node's summary).
     */
    private void onSeqs(LinkSession from, SyncFrames.Seqs theirs) {
        List<Long> want = new ArrayList<>();
        Set<Long> held = new HashSet<>();
        for (long seq : theirs.seqs()) {
            held.add(seq);
            if (!packets.contains(theirs.origin(), seq)) {
                want.add(seq);
            }
        }
        if (!want.isEmpty()) {
            send(from, SyncFrames.want(theirs.origin(), toArray(want)));
        }
        if (theirs.reply()) {
            return;
        }
        List<Long> mine = packets.seqs(theirs.origin(), theirs.windowStart());
        if (!held.containsAll(mine)) {
            send(from, SyncFrames.seqs(theirs.windowStart(), theirs.origin(), toArray(mine),
                    true));
        }
    }

    private void onWant(LinkSession from, SyncFrames.Seqs want) {
        TokenBucket budget = answerBudgets.computeIfAbsent(from,
                s -> new TokenBucket(ANSWER_BYTES_PER_SECOND, ANSWER_BURST_BYTES,
                        node.clock().nanoTime()));
        for (long seq : want.seqs()) {
            byte[] frame = packets.frame(want.origin(), seq);
            if (frame == null) {
                continue; // gone since it was offered, or never here: nothing to send
            }
            if (!budget.tryTake(node.clock().nanoTime(), frame.length)) {
                node.counters().rateLimited.incrementAndGet();
                return; // the rest waits for the next summary
            }
            send(from, SyncFrames.packet(frame));
        }
    }

    private void onPacket(LinkSession from, byte[] frame) {
        if (sink != null && sink.catchUp(from, frame) && !spreadScheduled) {
            spreadScheduled = true;
            node.loop().schedule(() -> {
                spreadScheduled = false;
                links.readyLinks().forEach(this::sendSummary);
            }, SPREAD_DELAY_MILLIS);
        }
    }

    private void send(LinkSession s, byte[] frame) {
        if (!s.send(frame)) {
            node.counters().sendDropped.incrementAndGet();
        }
    }

    private static long[] toArray(List<Long> list) {
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
