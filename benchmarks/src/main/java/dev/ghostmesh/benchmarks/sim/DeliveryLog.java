package dev.ghostmesh.benchmarks.sim;

import dev.ghostmesh.MeshListener;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What the nodes' listeners saw: for every broadcast the simulation sent, how many times each
 * node's {@link MeshListener#onMessage} got it and with how many hops. Nothing here is inferred:
 * a node counts as reached only when its own listener was called.
 *
 * <p>Times are read from the simulation's clock ({@link SimTime#nanoTime}), so in virtual time a
 * delivery is stamped with the virtual instant its listener was called.
 *
 * <p>Threading: thread-safe. Listeners record on the listener executor (in virtual time, the
 * simulation's own thread); the simulation reads from its own thread.
 */
final class DeliveryLog {
    private final int nodes;
    private final LongSupplier clock;
    private final Map<String, Tally> byText = new ConcurrentHashMap<>();
    /** Messages no tally expected, or from the wrong sender or of the wrong kind. */
    private final AtomicLong unexpected = new AtomicLong();

    /** @param clock the simulation's clock, in nanoseconds */
    DeliveryLog(int nodes, LongSupplier clock) {
        this.nodes = nodes;
        this.clock = clock;
    }

    /** One broadcast under watch. */
    static final class Tally {
        final String text;
        final int origin;
        final NodeId originId;
        /** Deliveries per node: exactly-once means 1 everywhere but the origin, which has 0. */
        final AtomicIntegerArray copies;
        /** Hops of each node's first delivery; -1 until then. */
        final AtomicIntegerArray hops;
        final CountDownLatch allReached;
        volatile long lastReachedNanos;

        Tally(String text, int origin, NodeId originId, int nodes) {
            this.text = text;
            this.origin = origin;
            this.originId = originId;
            this.copies = new AtomicIntegerArray(nodes);
            this.hops = new AtomicIntegerArray(nodes);
            for (int i = 0; i < nodes; i++) {
                hops.set(i, -1);
            }
            this.allReached = new CountDownLatch(nodes - 1);
        }

        /** Waits until every node but the origin delivered it; false on timeout. */
        boolean awaitAll(long millis) throws InterruptedException {
            return allReached.await(millis, TimeUnit.MILLISECONDS);
        }

        /** True once every node but the origin delivered it. */
        boolean allReached() {
            return allReached.getCount() == 0;
        }

        /** Nodes other than the origin whose listener got it at least once. */
        int reached() {
            return (int) (copies.length() - 1 - allReached.getCount());
        }
    }

    /** Starts watching for {@code text}, which {@code origin} is about to broadcast. */
    Tally expect(String text, int origin, NodeId originId) {
        Tally t = new Tally(text, origin, originId, nodes);
        if (byText.putIfAbsent(text, t) != null) {
            throw new IllegalArgumentException("already watching " + text);
        }
        return t;
    }

    /** The listener of node {@code index}. */
    MeshListener listenerFor(int index) {
        return new MeshListener() {
            @Override
            public void onMessage(Message m) {
                record(index, m);
            }
        };
    }

    private void record(int node, Message m) {
        Tally t = byText.get(m.text());
        if (t == null || m.kind() != MessageKind.BROADCAST || !m.sender().equals(t.originId)
                || node == t.origin) {
            unexpected.incrementAndGet();
            return;
        }
        if (t.copies.incrementAndGet(node) == 1) {
            t.hops.set(node, m.hops());
            t.lastReachedNanos = clock.getAsLong();
            t.allReached.countDown();
        }
    }

    /** Deliveries that matched no broadcast, came from the wrong node, or reached the origin. */
    long unexpected() {
        return unexpected.get();
    }
}
