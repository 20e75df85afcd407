package dev.ghostmesh.benchmarks.baseline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One relay's end of one TCP link: a direct read buffer that frames are sliced out of in place,
 * and an {@link Outbound} queue flushed once per loop turn. A malformed length prefix or an I/O
 * error closes the link and is counted on the relay; nothing else is done about it (the loss
 * shows in the result).
 *
 * <p>Threading: confined to the loop thread of its relay.
 */
final class RelayLink {
    private final Relay relay;
    private final RelayLoop loop;
    private final SocketChannel channel;
    private final ByteBuffer in;
    /** A second view of {@link #in} handed to the relay, so forwarding never moves {@link #in}. */
    private final ByteBuffer frameView;
    private final Outbound out;
    private final int maxBody;
    private SelectionKey key;
    private boolean dirty;
    private boolean awaitingWritable;
    private boolean open = true;

    RelayLink(Relay relay, RelayLoop loop, SocketChannel channel, RunPlan plan) throws IOException {
        this.relay = relay;
        this.loop = loop;
        this.channel = channel;
        this.maxBody = plan.body();
        this.in = ByteBuffer.allocateDirect(Math.max(64 * 1024, 2 * plan.frameBytes()));
        this.frameView = in.duplicate();
        this.out = new Outbound(loop.segmentPool());
        this.key = loop.register(channel, this);
    }

    boolean isOpen() {
        return open;
    }

    long droppedFrames() {
        return out.dropped();
    }

    /** Queues one frame (position to limit of {@code frame}); false if not queued. */
    boolean enqueue(ByteBuffer frame) {
        if (!open || !out.append(frame)) {
            return false;
        }
        if (!dirty) {
            dirty = true;
            loop.markDirty(this);
        }
        return true;
    }

    /** Called by the loop after a turn that queued frames here. */
    void flushIfDirty() {
        dirty = false;
        if (open && !awaitingWritable) {
            flush();
        }
    }

    void onReady() {
        try {
            if (key.isReadable()) {
                read();
            }
            if (open && key.isWritable()) {
                flush();
            }
        } catch (IOException e) {
            close(false);
        }
    }

    private void read() throws IOException {
        if (channel.read(in) < 0) {
            close(false);
            return;
        }
        int position = 0;
        int end = in.position();
        while (end - position >= RunPlan.PREFIX_BYTES) {
            int length = in.getInt(position);
            if (length < RunPlan.HEADER_BYTES || length > maxBody) {
                close(true);
                return;
            }
            int frameEnd = position + RunPlan.PREFIX_BYTES + length;
            if (frameEnd > end) {
                break;
            }
            long id = in.getLong(position + RunPlan.PREFIX_BYTES);
            long sentNanos = in.getLong(position + RunPlan.PREFIX_BYTES + 8);
            relay.onFrame(this, frameView, position, frameEnd, id, sentNanos);
            position = frameEnd;
        }
        // Keep the partial frame, if any, at the start of the buffer for the next read.
        in.limit(end).position(position);
        in.compact();
    }

    private void flush() {
        try {
            boolean drained = out.writeTo(channel);
            if (drained == awaitingWritable) {
                awaitingWritable = !drained;
                key.interestOps(drained ? SelectionKey.OP_READ
                        : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        } catch (IOException e) {
            close(false);
        }
    }

    /** Closes the link mid-run: counted on the relay as a failure (or a malformed frame). */
    void close(boolean malformed) {
        if (open) {
            relay.onLinkFailed(malformed);
            shutdown();
        }
    }

    /** Closes the link at the end of the run; called once the loop thread has stopped. */
    void shutdown() {
        open = false;
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a loopback socket we own: nothing useful to do with a failure here.
        }
    }
}
