package dev.ghostmesh.spi;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.concurrent.Future;

/**
 * The core's side of a {@link Transport}: how a transport reports links and frames, and the
 * node's loop and clock, which a transport may use to do its work where the node does.
 *
 * <p>Threading: every method may be called from any thread, returns quickly and never blocks,
 * except {@link #await}, which blocks (off the loop) by design.
 * A transport may report events from its own I/O threads, and the core then hands them to the
 * node's loop; or it may report them from the node's loop itself (a task given to
 * {@link #execute} or {@link #schedule}), and the core then handles them at once, with no
 * hand-off: read, decrypt, screen, verify, deliver and forward on one thread. For a given link,
 * calls must be made in order: {@link #onLinkUp} first, then {@link #onFrame}s, then
 * {@link #onLinkDown} once.
 */
public interface TransportContext {
    /** The clock the node lives by; a transport times its own deadlines with it. */
    MeshClock clock();

    /**
     * Runs {@code task} on the node's loop, after the work already queued there. Tasks run one
     * at a time; a task must not block. Does nothing once the node has stopped.
     */
    void execute(Runnable task);

    /**
     * Runs {@code task} on the node's loop once {@code delay} has passed on {@link #clock()}.
     * Returns a handle that cancels it (from any thread; a run under way finishes).
     */
    Runnable schedule(Runnable task, Duration delay);

    /** True when called from the node's loop (from a task given to {@link #execute}). */
    boolean inLoop();

    /**
     * Waits up to {@code limit} for {@code done}, which work on the node's loop completes: for a
     * transport's {@code close()}, which must see its sockets flushed and closed there. A node on a
     * host-driven loop group has nobody else to run its loop, so this call runs the loop
     * (tasks, timers and I/O) on the calling thread, the host's, until then, and returns as soon
     * as {@code done} completes. On the loop itself it cannot wait, and only reports. Returns
     * true if {@code done} completed (normally or not); false on timeout or interrupt (the
     * interrupt flag is then set).
     */
    boolean await(Future<?> done, Duration limit);

    /**
     * Registers {@code channel} (non-blocking) with the selector of the node's loop thread for
     * {@code ops}: from then on {@code handler} is called on the loop whenever the channel is
     * ready, so the transport does its I/O where the node does its work, with no thread and no
     * hand-off of its own. The key's attachment is {@code handler}; change interest with
     * {@link SelectionKey#interestOps(int)} and cancel by closing the channel. Loop only
     * (from a task given to {@link #execute}).
     *
     * @throws IOException if the channel cannot be registered
     * @throws IllegalStateException if called off the loop
     */
    SelectionKey register(SelectableChannel channel, int ops, IoHandler handler)
            throws IOException;

    /** A link opened (inbound accepted, or outbound connected); authentication starts now. */
    void onLinkUp(Link link);

    /**
     * One complete frame arrived. Ownership of {@code frame} passes to the core; the transport
     * must not reuse the array. The transport has already checked {@code frame.length} against
     * {@link #maxFrameSize()} before allocating it.
     */
    void onFrame(Link link, byte[] frame);

    /**
     * The link closed, by either side or by an I/O error ({@code cause}, or null if clean). A
     * stream transport whose peer sent bytes that are not frames (a length prefix of 0 or above
     * {@link #maxFrameSize()}) passes a {@link java.net.ProtocolException}: on a link it dialed,
     * before any frame, the core reports the peer as no node of this protocol at all.
     */
    void onLinkDown(Link link, Throwable cause);

    /** The largest frame the core accepts, in bytes; larger declared frames close the link. */
    int maxFrameSize();
}
