package dev.ghostmesh.internal.messaging;

import dev.ghostmesh.Delivery;
import dev.ghostmesh.Subscription;
import dev.ghostmesh.internal.runtime.ListenerBus;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * One subscription's deliveries on their way to its handler on the callback executor. A
 * delivery with a latest-value key replaces one with the same key still waiting here (it takes
 * the older one's place in the queue), so a handler that falls behind skips stale values
 * instead of working through them. The queue is bounded: beyond {@link #MAX_QUEUED} the oldest
 * waiting delivery is dropped and counted.
 *
 * <p>Threading: {@link #offer} is called on the node's loop, {@link #close} from any thread;
 * the handler runs on the callback executor, one delivery at a time.
 */
final class SubscriptionQueue implements Subscription {
    /** Deliveries that may wait for a slow handler before the oldest are dropped. */
    static final int MAX_QUEUED = 10_000;
    /** Deliveries per executor task, so one busy topic cannot hold up other callbacks. */
    private static final int BATCH = 256;

    private final String topic;
    private final Consumer<Delivery> handler;
    private final ListenerBus callbacks;
    private final Consumer<SubscriptionQueue> onClose;
    private final ArrayDeque<Slot> queue = new ArrayDeque<>();
    /** Waiting slots by conflation key (origin, topic and latest-value key). */
    private final Map<String, Slot> waitingByKey = new HashMap<>();
    private boolean drainScheduled;
    private long dropped;
    private volatile boolean active = true;

    /** A place in the queue; a newer value with the same key takes over an older one's. */
    private static final class Slot {
        Delivery delivery;
        final String key;

        Slot(Delivery delivery, String key) {
            this.delivery = delivery;
            this.key = key;
        }
    }

    SubscriptionQueue(String topic, Consumer<Delivery> handler, ListenerBus callbacks,
            Consumer<SubscriptionQueue> onClose) {
        this.topic = topic;
        this.handler = handler;
        this.callbacks = callbacks;
        this.onClose = onClose;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public boolean active() {
        return active;
    }

    @Override
    public void close() {
        if (!active) {
            return;
        }
        active = false;
        synchronized (this) {
            queue.clear();
            waitingByKey.clear();
        }
        onClose.accept(this);
    }

    /**
     * Queues {@code d} for the handler; {@code key} (or null) is its conflation key: a waiting
     * delivery with the same key is replaced. False if it was dropped to make room.
     */
    boolean offer(Delivery d, String key) {
        if (!active) {
            return true;
        }
        boolean schedule;
        boolean overflow = false;
        synchronized (this) {
            Slot waiting = key == null ? null : waitingByKey.get(key);
            if (waiting != null) {
                waiting.delivery = d;
                return true;
            }
            if (queue.size() >= MAX_QUEUED) {
                Slot oldest = queue.poll();
                if (oldest.key != null) {
                    waitingByKey.remove(oldest.key);
                }
                dropped++;
                overflow = true;
            }
            Slot slot = new Slot(d, key);
            queue.add(slot);
            if (key != null) {
                waitingByKey.put(key, slot);
            }
            schedule = !drainScheduled;
            drainScheduled = true;
        }
        if (schedule) {
            try {
                callbacks.executor().execute(this::drain);
            } catch (RejectedExecutionException e) {
                return false; // the node is closing
            }
        }
        return !overflow;
    }

    /** Deliveries dropped because the handler fell {@link #MAX_QUEUED} behind. */
    synchronized long dropped() {
        return dropped;
    }

    private void drain() {
        for (int i = 0; i < BATCH; i++) {
            Delivery next;
            synchronized (this) {
                Slot slot = queue.poll();
                if (slot == null || !active) {
                    drainScheduled = false;
                    return;
                }
                if (slot.key != null) {
                    waitingByKey.remove(slot.key);
                }
                next = slot.delivery;
            }
            callbacks.run(this, () -> handler.accept(next));
        }
        try {
            callbacks.executor().execute(this::drain); // more waiting: after the others' turn
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                drainScheduled = false; // the node is closing
            }
        }
    }

    @Override
    public String toString() {
        return "subscription to " + topic;
    }
}
