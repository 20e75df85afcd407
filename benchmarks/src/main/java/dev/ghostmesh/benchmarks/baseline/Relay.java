package dev.ghostmesh.benchmarks.baseline;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One minimal relay: takes a frame it has not seen before (one delivery) and forwards it,
 * unchanged, to every other link; drops the rest. No decode beyond the 8-byte id, no crypto.
 * Next to the relay path it keeps the run's accounting: a bit per id delivered (independent of
 * the dedup, so a broken dedup shows as duplicates), the bytes queued for measured ids, and at
 * the farthest relay the latency of each measured message.
 *
 * <p>Threading: everything runs on the relay's loop thread; {@link #delivered} is published
 * for the coordinating thread to poll, the rest is read after the loop thread was joined.
 */
final class Relay {
    final int index;
    private final RunPlan plan;
    private final SeenWindow seen = new SeenWindow();
    private final long[] deliveredIds;
    private final AtomicLong delivered = new AtomicLong();
    private RelayLink[] links = new RelayLink[0];
    /** Set on the farthest relay only: where latencies go and whom to tell about the window. */
    private LatencyLog latencies;
    private Origin origin;
    private long deliveredCount;
    private long distinctMeasured;
    private long duplicates;
    private long unknownIds;
    private long linkFailures;
    private long malformedFrames;
    private long wireBytesMeasured;
    private long completedAtNanos;

    Relay(int index, RunPlan plan) {
        this.index = index;
        this.plan = plan;
        this.deliveredIds = new long[(plan.total() + 63) / 64];
    }

    void addLink(RelayLink link) {
        links = Arrays.copyOf(links, links.length + 1);
        links[links.length - 1] = link;
    }

    void measureLatencyFor(Origin origin, int measuredMessages) {
        this.origin = origin;
        this.latencies = new LatencyLog(measuredMessages);
    }

    /** A frame read from {@code from}; {@code frame} spans it between start and end. */
    void onFrame(RelayLink from, ByteBuffer frame, int start, int end, long id, long sentNanos) {
        if (id < 0 || id >= plan.total()) {
            unknownIds++; // not from this run's source: dropped, never forwarded
            return;
        }
        if (!seen.firstSight(id)) {
            return;
        }
        deliver(id, sentNanos);
        forward(from, frame, start, end, id);
    }

    /** The source's own frame: marked seen so echoes are dropped, then sent on every link. */
    void originate(ByteBuffer frame, long id) {
        seen.firstSight(id);
        forward(null, frame, 0, frame.capacity(), id);
    }

    private void forward(RelayLink except, ByteBuffer frame, int start, int end, long id) {
        for (RelayLink link : links) {
            if (link != except) {
                frame.limit(end).position(start);
                if (link.enqueue(frame) && id >= plan.warmUp()) {
                    wireBytesMeasured += end - start;
                }
            }
        }
    }

    private void deliver(long id, long sentNanos) {
        int word = (int) (id >>> 6);
        long bit = 1L << id;
        boolean again = (deliveredIds[word] & bit) != 0;
        deliveredIds[word] |= bit;
        boolean measured = id >= plan.warmUp();
        if (again) {
            if (measured) {
                duplicates++;
            }
        } else if (measured) {
            distinctMeasured++;
        }
        delivered.lazySet(++deliveredCount);
        if (latencies != null) {
            long now = System.nanoTime();
            if (measured && !again) {
                latencies.record(now - sentNanos);
            }
            origin.onFarthestDelivered(deliveredCount);
            if (deliveredCount == plan.total()) {
                completedAtNanos = now;
            }
        } else if (deliveredCount == plan.total()) {
            completedAtNanos = System.nanoTime();
        }
    }

    void onLinkFailed(boolean malformed) {
        if (malformed) {
            malformedFrames++;
        } else {
            linkFailures++;
        }
    }

    /** Frames delivered so far (first sightings, warm-up included); safe from any thread. */
    long delivered() {
        return delivered.get();
    }

    RelayLink[] links() {
        return links;
    }

    // Read after the loop thread was joined.

    long distinctMeasured() {
        return distinctMeasured;
    }

    long duplicates() {
        return duplicates;
    }

    long wireBytesMeasured() {
        return wireBytesMeasured;
    }

    /** nanoTime of the delivery that completed the run here, 0 if it never completed. */
    long completedAtNanos() {
        return completedAtNanos;
    }

    LatencyLog latencies() {
        return latencies;
    }

    /** Link failures, malformed frames, foreign ids and frames dropped on full links. */
    long faults() {
        long dropped = 0;
        for (RelayLink link : links) {
            dropped += link.droppedFrames();
        }
        return linkFailures + malformedFrames + unknownIds + dropped;
    }
}
