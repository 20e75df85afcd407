package dev.ghostmesh.internal.messaging;

import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.crypto.Signatures;
import dev.ghostmesh.internal.identity.ApiInternals;
import dev.ghostmesh.internal.runtime.Counters;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Signature checks of new packets, moved off the node thread when the node is CPU-bound. A
 * signature check (Ed25519, about 0.14 ms) costs far more than everything else a node does with
 * a packet, so a node with frames waiting hands checks to the verifier pool and goes on
 * screening; an idle node checks on its own thread, where a hand-off would only add latency.
 *
 * <p>Results are applied in the order the packets arrived, whatever order the pool finishes
 * them in: a chat shows an origin's messages in the order it sent them, and group and presence
 * statements apply in order. While a packet is being checked, a byte-identical copy (only the
 * TTL differs) is dropped as a duplicate, since it would get the same verdict; a copy with
 * other bytes under the same id (a forgery racing the genuine packet, or the genuine racing a
 * forgery) waits as an alternate and is checked if the first fails, so a forged copy can never
 * shadow the genuine one. Alternates per packet are bounded; pending packets are bounded too,
 * beyond which the node thread checks signatures itself (and its intake queue, which is
 * bounded, takes the backlog).
 *
 * <p>Threading: {@link #offer} and the results run on the node thread; only the check itself
 * ({@code FloodRouter.authentic}: {@link Packet#verify()}, which reads nothing but the
 * immutable packet), runs on the pool.
 *
 * @param <L> the caller's link type
 */
public final class SignatureChecks<L> {
    /** Packets checked or waiting for their turn; beyond this the node thread checks inline. */
    static final int MAX_PENDING = 512;
    /** Copies with other bytes kept per pending packet. */
    static final int MAX_ALTERNATES = 4;
    /** Identical copies remembered per pending packet (link and hops only) to report. */
    static final int MAX_COPIES_REPORTED = 4;

    /** Where checked packets go, in arrival order (and failed checks at once). */
    public interface Sink<L> {
        /**
         * Node thread: {@code valid} is the result of the check, or true for a packet offered
         * as vouched for by its link.
         */
        void complete(Packet packet, L from, boolean valid);

        /**
         * Node thread, right after {@code original} completed as valid: a copy of it (the same
         * signed bytes) had arrived on {@code from}, {@code hops} hops from its origin, while it
         * was being checked, and was dropped as a duplicate, as the router drops copies of
         * packets already seen. At most {@link #MAX_COPIES_REPORTED} per packet.
         */
        default void duplicate(Packet original, L from, int hops) {}
    }

    private record Key(long high, long low, long origin) {
        static Key of(Packet p) {
            return new Key(p.id().high(), p.id().low(), ApiInternals.tag(p.origin()));
        }
    }

    private record Copy<L>(Packet packet, L from) {
    }

    private final class Check {
        final Key key;
        Packet packet;
        L from;
        ArrayDeque<Copy<L>> alternates;
        /** Links and hop counts of identical copies, for {@link Sink#duplicate}. */
        List<L> copiesFrom;
        int[] copiesHops;
        boolean done;
        boolean valid;

        Check(Key key, Packet packet, L from) {
            this.key = key;
            this.packet = packet;
            this.from = from;
        }
    }

    private final Predicate<Packet> authentic;
    private final Executor verifiers;
    private final Executor nodeThread;
    private final BooleanSupplier busy;
    private final Sink<L> sink;
    private final Counters counters;
    private final ArrayDeque<Check> inArrivalOrder = new ArrayDeque<>();
    private final Map<Key, Check> pending = new HashMap<>();

    /**
     * @param authentic the check itself (thread-safe), normally {@code FloodRouter.authentic}
     * @param verifiers the pool that checks signatures, or null to check all on the node thread
     * @param nodeThread runs the pool's results on the node thread
     * @param busy true while frames wait for the node thread (checked per packet)
     */
    public SignatureChecks(Predicate<Packet> authentic, Executor verifiers, Executor nodeThread,
            BooleanSupplier busy, Sink<L> sink, Counters counters) {
        this.authentic = authentic;
        this.verifiers = verifiers;
        this.nodeThread = nodeThread;
        this.busy = busy;
        this.sink = sink;
        this.counters = counters;
    }

    /** Node thread: checks a packet the router screened as new, then completes it. */
    public void offer(Packet packet, L from) {
        offer(packet, from, false);
    }

    /**
     * Node thread: as {@link #offer(Packet, Object)}; if {@code vouched}, the link it came on
     * has already proved it authentic (its origin is the link's authenticated peer), so it
     * completes as valid without a check, but still in arrival order behind packets being
     * checked, and still as one more copy if a copy of it is being checked.
     */
    public void offer(Packet packet, L from, boolean vouched) {
        Key key = Key.of(packet);
        Check check = pending.get(key);
        if (check != null) {
            addCopy(check, packet, from);
            return;
        }
        if (inArrivalOrder.isEmpty()
                && (vouched || verifiers == null || !busy.getAsBoolean())) {
            sink.complete(packet, from, vouched || authentic.test(packet));
            return;
        }
        check = new Check(key, packet, from);
        inArrivalOrder.add(check);
        pending.put(key, check);
        if (vouched) {
            checked(check, packet, true);
        } else if (inArrivalOrder.size() > MAX_PENDING) {
            checked(check, packet, authentic.test(packet));
        } else {
            start(check);
        }
    }

    /** Packets being checked or waiting for an earlier one (for tests and status). */
    int pending() {
        return inArrivalOrder.size();
    }

    private void addCopy(Check check, Packet copy, L from) {
        if (sameSignedBytes(check.packet, copy)) {
            counters.duplicates.incrementAndGet();
            if (check.copiesFrom == null) {
                check.copiesFrom = new ArrayList<>(2);
                check.copiesHops = new int[MAX_COPIES_REPORTED];
            }
            if (check.copiesFrom.size() < MAX_COPIES_REPORTED) {
                check.copiesHops[check.copiesFrom.size()] = copy.hops();
                check.copiesFrom.add(from);
            }
            return;
        }
        if (check.alternates != null && check.alternates.size() >= MAX_ALTERNATES) {
            counters.duplicates.incrementAndGet();
            return;
        }
        if (check.alternates == null) {
            check.alternates = new ArrayDeque<>(2);
        }
        check.alternates.add(new Copy<>(copy, from));
    }

    private void start(Check check) {
        Packet packet = check.packet;
        try {
            verifiers.execute(() -> {
                boolean valid = checkSafely(packet);
                nodeThread.execute(() -> checked(check, packet, valid));
            });
            counters.verifiedOffThread.incrementAndGet();
        } catch (RejectedExecutionException e) {
            checked(check, packet, authentic.test(packet)); // the pool is shutting down
        }
    }

    private boolean checkSafely(Packet packet) {
        try {
            return authentic.test(packet);
        } catch (RuntimeException e) {
            return false; // the packet is refused either way; the pool thread must survive
        }
    }

    /** Node thread: the verdict on {@code packet}, the copy {@code check} was waiting for. */
    private void checked(Check check, Packet packet, boolean valid) {
        if (!valid) {
            sink.complete(packet, check.from, false); // counted and logged now; nothing to order
            Copy<L> next = check.alternates == null ? null : check.alternates.poll();
            if (next != null) {
                check.packet = next.packet();
                check.from = next.from();
                start(check);
                return;
            }
        }
        check.done = true;
        check.valid = valid;
        while (!inArrivalOrder.isEmpty() && inArrivalOrder.peekFirst().done) {
            Check head = inArrivalOrder.pollFirst();
            pending.remove(head.key);
            if (head.valid) {
                if (head.alternates != null) {
                    counters.duplicates.addAndGet(head.alternates.size());
                }
                sink.complete(head.packet, head.from, true);
                for (int i = 0; head.copiesFrom != null && i < head.copiesFrom.size(); i++) {
                    sink.duplicate(head.packet, head.copiesFrom.get(i), head.copiesHops[i]);
                }
            }
        }
    }

    /** Same signed part and signature: the same verdict, whatever the (unsigned) TTL. */
    private static boolean sameSignedBytes(Packet a, Packet b) {
        if (!a.signed() || !b.signed()) {
            return false; // an unsigned copy fails its check anyway; never compare past it
        }
        int sig = Signatures.LENGTH;
        return a.signedLength() == b.signedLength()
                && Arrays.equals(a.frame(), a.signedOffset(), a.signedOffset() + a.signedLength(),
                        b.frame(), b.signedOffset(), b.signedOffset() + b.signedLength())
                && Arrays.equals(a.frame(), a.signatureOffset(), a.signatureOffset() + sig,
                        b.frame(), b.signatureOffset(), b.signatureOffset() + sig);
    }
}
