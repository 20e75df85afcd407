package dev.ghostmesh.benchmarks.baseline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The bytes waiting to be written on one link: a short run of pooled 64 KiB direct segments that
 * frames are copied into, drained by one gathering write per flush. Copying a frame of ~100
 * bytes costs less than a {@code duplicate()} per frame per link (an allocation each, plus a
 * growing array of buffers), and direct segments spare the JDK its hidden copy of heap buffers;
 * when the socket lags, the segments pile up and one {@code write(ByteBuffer[])} still drains
 * them all. Bounded at {@value #MAX_SEGMENTS} segments (64 MiB): past that a frame is dropped and
 * counted, which shows up as loss downstream.
 *
 * <p>Threading: confined to the loop thread of its relay (which also owns the pool).
 */
final class Outbound {
    static final int SEGMENT_BYTES = 64 * 1024;
    static final int MAX_SEGMENTS = 1024;

    private final ArrayDeque<Segment> pool;
    private Segment[] segments = new Segment[4];
    /** The drain views of {@link #segments}, side by side for the gathering write. */
    private ByteBuffer[] drains = new ByteBuffer[4];
    private int count;
    private long dropped;

    /** 64 KiB of direct memory with two views: one filled by appends, one drained by writes. */
    static final class Segment {
        final ByteBuffer fill = ByteBuffer.allocateDirect(SEGMENT_BYTES);
        final ByteBuffer drain = fill.duplicate();
    }

    Outbound(ArrayDeque<Segment> pool) {
        this.pool = pool;
    }

    /** Copies {@code src} (position to limit) in, or drops it when the link is too far behind. */
    boolean append(ByteBuffer src) {
        int need = src.remaining();
        long room = (long) (MAX_SEGMENTS - count) * SEGMENT_BYTES
                + (count == 0 ? 0 : segments[count - 1].fill.remaining());
        if (need > room) {
            dropped++;
            return false;
        }
        while (src.hasRemaining()) {
            if (count == 0 || !segments[count - 1].fill.hasRemaining()) {
                addSegment();
            }
            ByteBuffer tail = segments[count - 1].fill;
            if (src.remaining() <= tail.remaining()) {
                tail.put(src);
            } else {
                int limit = src.limit();
                src.limit(src.position() + tail.remaining());
                tail.put(src);
                src.limit(limit);
            }
        }
        return true;
    }

    boolean isEmpty() {
        return count == 0;
    }

    long dropped() {
        return dropped;
    }

    /** One gathering write of everything queued; true if nothing is left. */
    boolean writeTo(SocketChannel channel) throws IOException {
        if (count == 0) {
            return true;
        }
        for (int i = 0; i < count; i++) {
            drains[i].limit(segments[i].fill.position());
        }
        channel.write(drains, 0, count);
        // Every segment but the tail is full, so a drained one is done with; the tail too once
        // drained, which keeps an idle link at zero segments.
        int done = 0;
        while (done < count && !drains[done].hasRemaining()) {
            Segment segment = segments[done];
            segment.fill.clear();
            segment.drain.clear();
            pool.push(segment);
            done++;
        }
        if (done > 0) {
            System.arraycopy(segments, done, segments, 0, count - done);
            System.arraycopy(drains, done, drains, 0, count - done);
            count -= done;
            Arrays.fill(segments, count, count + done, null);
            Arrays.fill(drains, count, count + done, null);
        }
        return count == 0;
    }

    private void addSegment() {
        if (count == segments.length) {
            segments = Arrays.copyOf(segments, count * 2);
            drains = Arrays.copyOf(drains, count * 2);
        }
        Segment segment = pool.poll();
        if (segment == null) {
            segment = new Segment();
        }
        segments[count] = segment;
        drains[count] = segment.drain;
        count++;
    }
}
