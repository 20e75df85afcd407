package dev.ghostmesh.benchmarks.footprint;

import dev.ghostmesh.MessageId;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;

/**
 * Which peers of a {@link Swarm} received one broadcast; completes {@code done} with the
 * nanoseconds from sending once every peer but the sender has it.
 *
 * <p>Threading: confined to the swarm thread.
 */
final class BroadcastTracking {
    private final MessageId id;
    private final int sender;
    private final int expected;
    private final long sentAt;
    private final CompletableFuture<Long> done;
    private final BitSet received = new BitSet();

    BroadcastTracking(MessageId id, int sender, int expected, long sentAt,
            CompletableFuture<Long> done) {
        this.id = id;
        this.sender = sender;
        this.expected = expected;
        this.sentAt = sentAt;
        this.done = done;
    }

    void onReceived(int peer, MessageId got) {
        if (got.equals(id) && peer != sender) {
            received.set(peer);
            if (received.cardinality() == expected) {
                done.complete(System.nanoTime() - sentAt);
            }
        }
    }

    /** Peers that received it so far. */
    int received() {
        return received.cardinality();
    }
}
