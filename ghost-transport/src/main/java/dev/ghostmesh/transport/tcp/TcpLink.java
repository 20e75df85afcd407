package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.Link;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection. The {@link Link} methods are the only ones other threads call; all socket
 * work happens in the package-private methods, on the owning {@link IoLoop}'s thread.
 *
 * <p>Close runs through phases: OPEN, then FLUSHING (queued frames still going out), then
 * DRAINING (our side shut down, waiting for the peer's end of stream), then CLOSED, bounded by
 * one deadline. Waiting for the peer's end of stream matters: closing a socket with unread input
 * makes the kernel send a reset, which can destroy frames the peer has not read yet.
 *
 * <p>While open, two deadlines guard against abusive peers, checked by the loop's periodic sweep:
 * a frame whose first byte arrived must be complete within {@code frameTimeout}, and queued
 * bytes the socket will not take must see some write progress within {@code writeStallTimeout}.
 */
final class TcpLink implements Link {
    private static final Logger log = LoggerFactory.getLogger(TcpLink.class);
    private static final int DRAIN_READS_ON_CLOSE = 16;

    private enum Phase { OPEN, FLUSHING, DRAINING, CLOSED }

    private final IoLoop loop;
    private final SocketChannel channel;
    private final PeerAddress remote;
    private final boolean inbound;
    private final int maxFrameSize;
    private final TcpSettings settings;
    private final OutboundQueue out;
    private final FrameDecoder decoder;
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    /** True while this link sits in the loop's flush queue, so a burst of sends wakes it once. */
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    private SelectionKey key;
    private Phase phase = Phase.OPEN;
    private long closeDeadline;
    /** True while part of a frame has arrived; {@link #frameStartedAt} is then meaningful. */
    private boolean midFrame;
    private long frameStartedAt;
    /** True while the socket refused part of the queue; {@link #stalledSince} is meaningful. */
    private boolean writeStalled;
    private long stalledSince;

    TcpLink(IoLoop loop, SocketChannel channel, PeerAddress remote, boolean inbound) {
        this.loop = loop;
        this.channel = channel;
        this.remote = remote;
        this.inbound = inbound;
        this.maxFrameSize = loop.maxFrameSize();
        this.settings = loop.settings();
        this.out = new OutboundQueue(settings.maxQueuedBytesPerLink());
        this.decoder = new FrameDecoder(maxFrameSize);
    }

    @Override
    public PeerAddress remoteAddress() {
        return remote;
    }

    @Override
    public boolean inbound() {
        return inbound;
    }

    @Override
    public boolean send(byte[] frame) {
        Objects.requireNonNull(frame, "frame");
        if (frame.length == 0 || frame.length > maxFrameSize) {
            throw new IllegalArgumentException("frame of " + frame.length
                    + " bytes is outside 1-" + maxFrameSize + " bytes");
        }
        if (closeRequested.get() || !out.offer(frame)) {
            return false;
        }
        if (flushScheduled.compareAndSet(false, true)) {
            loop.requestFlush(this);
        }
        return true;
    }

    @Override
    public void close() {
        if (closeRequested.compareAndSet(false, true)) {
            loop.execute(this::beginClose);
        }
    }

    @Override
    public String toString() {
        return (inbound ? "tcp<-" : "tcp->") + remote;
    }

    // ---- I/O thread only below ----

    void attach(SelectionKey selectionKey) {
        this.key = selectionKey;
    }

    boolean isClosing() {
        return phase == Phase.FLUSHING || phase == Phase.DRAINING;
    }

    long closeDeadline() {
        return closeDeadline;
    }

    void onReady(SelectionKey k) {
        if (k.isReadable()) {
            onReadable();
        }
        if (phase != Phase.CLOSED && k.isValid() && k.isWritable()) {
            flush();
        }
    }

    private void onReadable() {
        ByteBuffer buf = loop.readBuffer();
        buf.clear();
        int n;
        try {
            n = channel.read(buf);
        } catch (IOException e) {
            closeNow(e);
            return;
        }
        if (n < 0) {
            closeNow(null);
            return;
        }
        if (phase == Phase.CLOSED) {
            return;
        }
        // Frames that arrive while we flush and drain are still delivered: the peer sent them
        // before it saw our close (say, both ends resolving a duplicate link), and the core
        // keeps the link's session until onLinkDown.
        buf.flip();
        try {
            decoder.decode(buf, this::deliver);
        } catch (ProtocolException e) {
            log.debug("closing {}: {}", this, e.getMessage());
            closeNow(e);
            return;
        }
        // The clock starts at a frame's first byte, not at the link's last complete frame, so a
        // peer that is merely quiet between frames is never cut off here.
        if (decoder.midFrame() && !midFrame) {
            midFrame = true;
            frameStartedAt = loop.nanoTime();
        }
    }

    private void deliver(byte[] frame) {
        midFrame = false;
        if (phase != Phase.CLOSED) {
            loop.onFrame(this, frame);
        }
    }

    /** A send asked for a flush (through the loop's flush queue). */
    void onFlushRequested() {
        flushScheduled.set(false); // before reading the queue, so a racing send schedules again
        if (key != null && key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) != 0) {
            return; // the socket is full; the writable event will flush, no need to try now
        }
        flush();
    }

    /** Writes as much as the socket takes, gathering many queued frames per write call. */
    void flush() {
        if (phase == Phase.CLOSED || phase == Phase.DRAINING) {
            return;
        }
        ByteBuffer buf = loop.writeBuffer();
        try {
            while (true) {
                buf.clear();
                out.fill(buf);
                buf.flip();
                int wanted = buf.remaining();
                if (wanted == 0) {
                    writeStalled = false;
                    writeInterest(false);
                    if (phase == Phase.FLUSHING) {
                        channel.shutdownOutput();
                        phase = Phase.DRAINING;
                    }
                    return;
                }
                int written = channel.write(buf);
                out.advance(written);
                if (written < wanted) {
                    // The stall clock restarts on every byte the peer takes: a slow reader is
                    // fine, one that stopped reading is not.
                    if (written > 0 || !writeStalled) {
                        writeStalled = true;
                        stalledSince = loop.nanoTime();
                    }
                    writeInterest(true);
                    return;
                }
            }
        } catch (IOException e) {
            closeNow(e);
        }
    }

    void beginClose() {
        closeRequested.set(true);
        if (phase != Phase.OPEN) {
            return;
        }
        phase = Phase.FLUSHING;
        closeDeadline = loop.nanoTime() + settings.closeFlushTimeout().toNanos();
        loop.onClosing(this);
        flush();
    }

    void checkDeadline(long now) {
        if (!isClosing() || now - closeDeadline < 0) {
            return;
        }
        if (phase == Phase.DRAINING) {
            closeNow(null); // everything was sent; the peer is just slow to close its side
        } else {
            closeNow(new IOException("link closed after "
                    + settings.closeFlushTimeout().toMillis() + " ms with "
                    + out.unsentBytes() + " bytes still unsent"));
        }
    }

    /** Closes an open link whose frame or write-stall deadline has passed. */
    void checkTimeouts(long now) {
        if (phase != Phase.OPEN) {
            return; // a closing link is bounded by its close deadline instead
        }
        if (midFrame && now - frameStartedAt >= settings.frameTimeout().toNanos()) {
            closeNow(new SocketTimeoutException("frame not completed within "
                    + TcpSettings.describe(settings.frameTimeout())));
        } else if (writeStalled && now - stalledSince >= settings.writeStallTimeout().toNanos()) {
            closeNow(new SocketTimeoutException("peer stopped reading: nothing written for "
                    + TcpSettings.describe(settings.writeStallTimeout()) + " with "
                    + out.unsentBytes() + " bytes queued"));
        }
    }

    /** Closes the socket from any thread, with no callback: the node is gone (forceClose). */
    void closeChannelQuietly() {
        Sockets.closeQuietly(channel);
    }

    /** Closes the socket at once and raises onLinkDown; a no-op if already closed. */
    void closeNow(Throwable cause) {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        closeRequested.set(true);
        if (key != null) {
            key.cancel();
        }
        if (cause == null) {
            drainUnread();
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing {} failed: {}", this, e.toString());
        }
        out.clear();
        loop.onClosed(this, cause);
    }

    /** Unread input would turn our close into a reset; read it away (bounded) first. */
    private void drainUnread() {
        ByteBuffer buf = loop.readBuffer();
        try {
            for (int i = 0; i < DRAIN_READS_ON_CLOSE; i++) {
                buf.clear();
                if (channel.read(buf) <= 0) {
                    return;
                }
            }
        } catch (IOException e) {
            log.trace("draining {} before close: {}", this, e.toString());
        }
    }

    private void writeInterest(boolean on) {
        if (key == null || !key.isValid()) {
            return;
        }
        int ops = key.interestOps();
        int wanted = on ? ops | SelectionKey.OP_WRITE : ops & ~SelectionKey.OP_WRITE;
        if (wanted != ops) {
            key.interestOps(wanted);
        }
    }
}
