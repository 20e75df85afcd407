package dev.ghostmesh.internal.router;

import static dev.ghostmesh.internal.Bytes.readLong;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketBody;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.identity.ApiInternals;
import dev.ghostmesh.internal.crypto.Ed25519Provider;
import dev.ghostmesh.internal.crypto.Ed25519Providers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Flood routing as pure logic, no I/O: given a frame and the link it came from, decide whether
 * to deliver it here and which links to forward it to. Order of checks: decode the envelope,
 * drop if seen, verify the origin's signature (only now: verification is the expensive step,
 * and a forged copy must not poison the seen cache for the genuine packet), check the timestamp
 * against this node's clock, check a message's sequence number against its origin's replay
 * window, mark seen, decode a known body, then deliver and forward with TTL-1 to every link
 * except the one it came from. A packet rejected as stale or replayed is marked seen too, so
 * further copies stop at the cheap seen check; it is never forwarded.
 *
 * <p>The checks before and after the signature are split ({@link #screen}, {@link #complete})
 * so a busy node can verify signatures on other threads; {@link #route} does all three in one.
 *
 * <p>Statements of state ({@link PacketType#isState}) skip the window and the age bound: nodes
 * re-send them, as originally signed, to every new link. Every type is refused when dated more
 * than the allowed skew into the future, since a future-dated statement would outrank every
 * later one.
 *
 * <p>Threading: not thread-safe; owned by the node thread.
 *
 * @param <L> the caller's link type; the router only compares links for identity
 */
public final class FloodRouter<L> {
    /** What happened to a frame. */
    public enum Outcome {
        /** Not a well-formed packet (envelope or known body). */
        MALFORMED,
        /** Already seen: dropped, which is how floods terminate. */
        DUPLICATE,
        /**
         * From {@link #screen} only: new and well formed, its signature not checked yet; pass
         * it to {@link #complete}.
         */
        UNVERIFIED,
        /** The origin's key does not match its id, or the signature is wrong or missing. */
        BAD_SIGNATURE,
        /** Our own packet came back. */
        OWN_ECHO,
        /**
         * Signed, but dated more than the allowed clock skew ahead of this node's clock, or (a
         * message) that far behind it.
         */
        STALE,
        /** A message whose origin sequence number was seen before or is below the window. */
        REPLAYED,
        /** New and valid: delivered and/or forwarded as the decision says. */
        ACCEPTED
    }

    /**
     * The router's decision for one frame.
     *
     * @param body the decoded body for known types, else null
     * @param forwardFrame the frame to forward (TTL lowered), or null
     * @param forwardTo links to forward to; empty if none
     * @param reason why a frame was malformed, for logs; null otherwise
     */
    public record Decision<L>(Outcome outcome, Packet packet, PacketBody body, boolean deliver,
            byte[] forwardFrame, List<L> forwardTo, String reason) {
        static <L> Decision<L> drop(Outcome outcome, Packet packet, String reason) {
            return new Decision<>(outcome, packet, null, false, null, List.of(), reason);
        }
    }

    private final NodeId self;
    private final SeenCache seen;
    private final ReplayWindow window;
    private final long maxClockSkewMillis;
    private final boolean signaturesRequired;
    private final Ed25519Provider ed25519;

    /** A router of the secure profile: every packet must carry a valid signature. */
    public FloodRouter(NodeId self, SeenCache seen, ReplayWindow window, long maxClockSkewMillis) {
        this(self, seen, window, maxClockSkewMillis, true);
    }

    /**
     * A router for node {@code self} remembering ids in {@code seen} and messages' sequence
     * numbers in {@code window}, refusing timestamps more than {@code maxClockSkewMillis} from
     * the time passed to {@link #route}. Without {@code signaturesRequired} (the open profile)
     * it checks only that a packet's origin key hashes to its origin id, and ignores the
     * signature field; every other check stays.
     */
    public FloodRouter(NodeId self, SeenCache seen, ReplayWindow window, long maxClockSkewMillis,
            boolean signaturesRequired) {
        this(self, seen, window, maxClockSkewMillis, signaturesRequired,
                Ed25519Providers.automatic());
    }

    /** As the constructor above, checking signatures with {@code ed25519}. */
    public FloodRouter(NodeId self, SeenCache seen, ReplayWindow window, long maxClockSkewMillis,
            boolean signaturesRequired, Ed25519Provider ed25519) {
        if (maxClockSkewMillis <= 0) {
            throw new IllegalArgumentException("maxClockSkewMillis " + maxClockSkewMillis);
        }
        this.self = self;
        this.seen = seen;
        this.window = window;
        this.maxClockSkewMillis = maxClockSkewMillis;
        this.signaturesRequired = signaturesRequired;
        this.ed25519 = Objects.requireNonNull(ed25519, "ed25519");
    }

    /**
     * Routes one frame that arrived on {@code from}; {@code links} are all ready links. The same
     * as {@link #screen} followed, for a new packet, by verifying it here and {@link #complete}.
     */
    public Decision<L> route(byte[] frame, L from, List<L> links, long nowMillis) {
        Decision<L> screened = screen(frame, nowMillis);
        if (screened.outcome() != Outcome.UNVERIFIED) {
            return screened;
        }
        Packet packet = screened.packet();
        return complete(packet, authentic(packet), from, links, nowMillis);
    }

    /**
     * The origin check for a screened packet: its signature (and key) when signatures are
     * required, else only that its key hashes to its origin id. Touches no router state, so
     * any thread may run it.
     */
    public boolean authentic(Packet packet) {
        return signaturesRequired ? packet.verify(ed25519) : packet.originMatchesKey();
    }

    /** True when {@link #authentic} is the expensive signature check worth running elsewhere. */
    public boolean signaturesRequired() {
        return signaturesRequired;
    }

    /**
     * The cheap first step: decodes the envelope and drops malformed frames and copies already
     * seen. Anything else comes back as {@link Outcome#UNVERIFIED} with its packet, which the
     * caller checks with {@link #authentic} (on any thread) before handing it to
     * {@link #complete}.
     */
    public Decision<L> screen(byte[] frame, long nowMillis) {
        if (isCanonical(frame) && seen.contains(readLong(frame, ID_AT),
                readLong(frame, ID_AT + 8), readLong(frame, ORIGIN_AT), nowMillis)) {
            // Most frames a node gets are copies it has seen: answer those without decoding or
            // allocating. The id and origin sit at fixed offsets in the canonical encoding; a
            // frame laid out any other way takes the full path below.
            @SuppressWarnings("unchecked")
            Decision<L> seenBefore = (Decision<L>) SEEN_BEFORE;
            return seenBefore;
        }
        Packet packet;
        try {
            packet = PacketCodec.decode(frame);
        } catch (PacketDecodeException e) {
            return Decision.drop(Outcome.MALFORMED, null, e.getMessage());
        }
        long tag = ApiInternals.tag(packet.origin());
        if (seen.contains(packet.id().high(), packet.id().low(), tag, nowMillis)) {
            return Decision.drop(Outcome.DUPLICATE, packet, null);
        }
        return Decision.drop(Outcome.UNVERIFIED, packet, null);
    }

    /**
     * The second step, for a packet {@link #screen} passed: {@code signatureValid} is the result
     * of {@link #authentic} on it. Checks the clock and the replay window, marks it seen,
     * decodes its body and decides delivery and forwarding.
     */
    public Decision<L> complete(Packet packet, boolean signatureValid, L from, List<L> links,
            long nowMillis) {
        return checked(packet, signatureValid, nowMillis, () -> admit(packet, nowMillis), from,
                links, true);
    }

    /**
     * A packet a neighbour handed over by catch-up (signature checked as {@code signatureValid}):
     * as {@link #complete}, but dated within the catch-up window rather than the past bound,
     * and past the replay window, which refuses old numbers by design (catch-up brings exactly
     * those; the caller checks its log instead). The number is still noted in the window, so a
     * flooded copy arriving later is a replay. Never forwarded: catch-up spreads by summaries.
     */
    public Decision<L> catchUp(Packet packet, boolean signatureValid, long nowMillis,
            long windowStartMillis) {
        return checked(packet, signatureValid, nowMillis, () -> {
            if (packet.timestamp() - nowMillis > maxClockSkewMillis
                    || packet.timestamp() < windowStartMillis
                    || PacketType.isState(packet.type())) {
                return Outcome.STALE;
            }
            window.accept(packet.origin(), packet.seq());
            return null;
        }, null, List.of(), false);
    }

    /**
     * What {@link #complete} and {@link #catchUp} share: the seen cache, the signature, own
     * echoes, then {@code admission} (their own timing and replay verdict, null to accept; run
     * only for a genuine packet of another node, so a forged one cannot move the replay window),
     * then the body; forwarded to {@code links} but {@code from} if {@code forward}.
     */
    private Decision<L> checked(Packet packet, boolean signatureValid, long nowMillis,
            Supplier<Outcome> admission, L from, List<L> links, boolean forward) {
        long high = packet.id().high();
        long low = packet.id().low();
        long tag = ApiInternals.tag(packet.origin());
        if (seen.contains(high, low, tag, nowMillis)) {
            // Another copy completed while this one was being verified.
            return Decision.drop(Outcome.DUPLICATE, packet, null);
        }
        if (!signatureValid) {
            return Decision.drop(Outcome.BAD_SIGNATURE, packet, null);
        }
        // Own packets never reach the window: they are not shown or relayed whatever their age.
        Outcome verdict = packet.origin().equals(self) ? Outcome.OWN_ECHO : admission.get();
        seen.add(high, low, tag, nowMillis);
        if (verdict != null) {
            return Decision.drop(verdict, packet, verdict == Outcome.STALE
                    ? "timestamp " + packet.timestamp() + " vs clock " + nowMillis : null);
        }
        PacketBody body;
        try {
            body = PacketBody.decode(packet);
        } catch (PacketDecodeException e) {
            // Signed by its origin but unreadable: nobody downstream could read it either.
            return Decision.drop(Outcome.MALFORMED, packet, e.getMessage());
        }
        boolean deliver = body != null && body.addressedTo(self);
        byte[] forwardFrame = null;
        List<L> targets = List.of();
        if (forward && packet.ttl() > 1) {
            targets = allExcept(links, from);
            if (!targets.isEmpty()) {
                forwardFrame = packet.relayFrame();
            }
        }
        return new Decision<>(Outcome.ACCEPTED, packet, body, deliver, forwardFrame, targets,
                null);
    }

    // Canonical envelope: fixarray of 11 (0x9b), version 1, type fixint 0..63, bin8 of 16 (the
    // id), bin8 of 16 (the origin). Encoders always write this; decoders accept any encoding.
    private static final int ID_AT = 5;
    private static final Decision<?> SEEN_BEFORE = Decision.drop(Outcome.DUPLICATE, null, null);
    private static final int ORIGIN_AT = 23;

    private static final int KEY_AT = 39;
    private static final int ORIGIN_TTL_AT = KEY_AT + 2 + 32;

    /**
     * True for the canonical layout with a remaining TTL within the origin TTL (the last byte,
     * a fixint): a copy with a raised TTL takes the full path and is counted as malformed.
     */
    private static boolean isCanonical(byte[] f) {
        if (f.length <= ORIGIN_TTL_AT + 1 || (f[0] & 0xff) != 0x9b || f[1] != 1
                || f[2] < 0 || f[2] > PacketType.MAX_FLOODED
                || (f[3] & 0xff) != 0xc4 || f[4] != 16 || (f[21] & 0xff) != 0xc4 || f[22] != 16
                || (f[KEY_AT] & 0xff) != 0xc4 || f[KEY_AT + 1] != 32) {
            return false;
        }
        int originTtl = f[ORIGIN_TTL_AT];
        int ttl = f[f.length - 1];
        return ttl >= 1 && originTtl >= 1 && ttl <= originTtl;
    }

    /** Null if a verified packet is timely and no replay, else the outcome that refuses it. */
    private Outcome admit(Packet packet, long nowMillis) {
        long timestamp = packet.timestamp();
        if (timestamp - nowMillis > maxClockSkewMillis) {
            return Outcome.STALE;
        }
        if (PacketType.isState(packet.type())) {
            return null;
        }
        if (nowMillis - timestamp > maxClockSkewMillis) {
            return Outcome.STALE;
        }
        // Last, and only for signed packets: a forged or stale packet must not move the window.
        return window.accept(packet.origin(), packet.seq()) ? null : Outcome.REPLAYED;
    }

    /**
     * Marks a packet this node originated as seen, so its echoes die, and returns the links to
     * send it to (all of them).
     */
    public List<L> originate(Packet packet, List<L> links, long nowMillis) {
        long tag = ApiInternals.tag(packet.origin());
        seen.add(packet.id().high(), packet.id().low(), tag, nowMillis);
        return links;
    }

    private static <L> List<L> allExcept(List<L> links, L from) {
        List<L> out = new ArrayList<>(links.size());
        for (L link : links) {
            if (link != from) {
                out.add(link);
            }
        }
        return out;
    }
}
