package dev.ghostmesh.benchmarks.sim;

import dev.ghostmesh.MeshListener;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What the nodes' listeners saw of the private messages a run sent: how many times the target's
 * {@link MeshListener#onMessage} got each one, and whether the sender's
 * {@link MeshListener#onPrivateDelivered} reported its receipt. As in {@link DeliveryLog},
 * nothing is inferred: a message counts as delivered only when the target's own listener got it.
 *
 * <p>Threading: thread-safe; listeners record on the listener executor (in virtual time, the
 * run's own thread), the run reads from its thread.
 */
final class PrivateLog {
    private final LongSupplier clock;
    private final Map<String, Watch> byText = new ConcurrentHashMap<>();
    /** Private messages no watch expected, or seen by the wrong node or from the wrong one. */
    private final AtomicLong unexpected = new AtomicLong();

    /** @param clock the run's clock, in nanoseconds */
    PrivateLog(LongSupplier clock) {
        this.clock = clock;
    }

    /** One private message under watch. */
    static final class Watch {
        private final int from;
        private final NodeId fromId;
        private final int to;
        private final AtomicInteger copies = new AtomicInteger();
        private final AtomicInteger receipts = new AtomicInteger();
        private volatile int hops = -1;
        private volatile long receiptNanos;
        private volatile String undelivered;

        Watch(int from, NodeId fromId, int to) {
            this.from = from;
            this.fromId = fromId;
            this.to = to;
        }

        /** The receipt came back, or the sender reported that none will. */
        boolean ended() {
            return receipts.get() > 0 || undelivered != null;
        }

        boolean receipted() {
            return receipts.get() > 0;
        }

        /** When the first receipt was reported, on the run's clock. */
        long receiptNanos() {
            return receiptNanos;
        }

        /** Hops of the target's first copy; -1 if it got none. */
        int hops() {
            return hops;
        }
    }

    /** Starts watching for {@code text}, which node {@code from} is about to send to {@code to}. */
    Watch expect(String text, int from, NodeId fromId, int to) {
        Watch w = new Watch(from, fromId, to);
        if (byText.putIfAbsent(text, w) != null) {
            throw new IllegalArgumentException("already watching " + text);
        }
        return w;
    }

    /** The listener of node {@code index}. */
    MeshListener listenerFor(int index) {
        return new MeshListener() {
            @Override
            public void onMessage(Message m) {
                if (m.kind() != MessageKind.PRIVATE) {
                    return; // broadcasts are the DeliveryLog's
                }
                Watch w = byText.get(m.text());
                if (w == null || index != w.to || !m.sender().equals(w.fromId)) {
                    unexpected.incrementAndGet();
                } else if (w.copies.incrementAndGet() == 1) {
                    w.hops = m.hops();
                }
            }

            @Override
            public void onPrivateDelivered(Message m) {
                Watch w = byText.get(m.text());
                if (w == null || index != w.from) {
                    unexpected.incrementAndGet();
                } else if (w.receipts.incrementAndGet() == 1) {
                    w.receiptNanos = clock.getAsLong();
                }
            }

            @Override
            public void onPrivateUndelivered(Message m, String reason) {
                Watch w = byText.get(m.text());
                if (w != null && index == w.from) {
                    w.undelivered = reason;
                }
            }
        };
    }

    /** Every message watched reached its target once, and its sender heard of it once. */
    boolean exactlyOnce() {
        return byText.values().stream()
                .allMatch(w -> w.copies.get() == 1 && w.receipts.get() == 1);
    }

    /** Private messages or receipts that matched nothing sent, or reached the wrong node. */
    long unexpected() {
        return unexpected.get();
    }
}
