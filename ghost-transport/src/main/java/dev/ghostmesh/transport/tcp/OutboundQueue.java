package dev.ghostmesh.transport.tcp;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The frames waiting to be written on one link, bounded in bytes (payload plus the 4-byte length
 * prefix of every frame, including the partly written one).
 *
 * <p>Threading: {@link #offer} may be called from any thread; every other method only from the
 * link's I/O thread. Frames arrive through a lock-free inbox and are moved to an I/O-thread-owned
 * deque, so the writer can track a partly written head frame without synchronisation.
 */
final class OutboundQueue {
    private static final int HEADER = FrameDecoder.HEADER_BYTES;

    private final long limit;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final ConcurrentLinkedQueue<byte[]> inbox = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    /** Bytes of the head frame (prefix included) already written. */
    private int headOffset;

    OutboundQueue(long limit) {
        this.limit = limit;
    }

    /** Queues {@code frame} unless that would exceed the bound; never modifies the array. */
    boolean offer(byte[] frame) {
        long cost = (long) frame.length + HEADER;
        long queued;
        do {
            queued = queuedBytes.get();
            if (queued + cost > limit) {
                return false;
            }
        } while (!queuedBytes.compareAndSet(queued, queued + cost));
        inbox.add(frame);
        return true;
    }

    /** True if nothing is left to write. */
    boolean isEmpty() {
        drainInbox();
        return pending.isEmpty();
    }

    /**
     * Copies as many unwritten bytes as fit into {@code dst}, starting at the first unwritten
     * byte. Nothing is consumed: {@link #advance} does that once the socket took the bytes.
     */
    void fill(ByteBuffer dst) {
        drainInbox();
        int offset = headOffset;
        for (byte[] frame : pending) {
            while (offset < HEADER && dst.hasRemaining()) {
                dst.put((byte) (frame.length >>> (24 - 8 * offset)));
                offset++;
            }
            if (!dst.hasRemaining()) {
                return;
            }
            int from = offset - HEADER;
            int n = Math.min(dst.remaining(), frame.length - from);
            dst.put(frame, from, n);
            if (from + n < frame.length) {
                return;
            }
            offset = 0;
        }
    }

    /** Marks {@code written} bytes, as copied by the last {@link #fill}, as sent. */
    void advance(int written) {
        while (written > 0) {
            byte[] head = pending.peek();
            int left = head.length + HEADER - headOffset;
            if (written < left) {
                headOffset += written;
                return;
            }
            written -= left;
            pending.poll();
            headOffset = 0;
            queuedBytes.addAndGet(-(head.length + HEADER));
        }
    }

    /** Bytes queued but not yet handed to the socket. */
    long unsentBytes() {
        return queuedBytes.get() - headOffset;
    }

    /** Drops everything; used once the link is closed, so late frames are garbage anyway. */
    void clear() {
        inbox.clear();
        pending.clear();
        headOffset = 0;
        queuedBytes.set(0);
    }

    private void drainInbox() {
        for (byte[] f = inbox.poll(); f != null; f = inbox.poll()) {
            pending.add(f);
        }
    }
}
