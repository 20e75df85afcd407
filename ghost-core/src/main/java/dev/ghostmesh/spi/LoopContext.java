package dev.ghostmesh.spi;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.concurrent.Future;

/**
 * The node's loop and clock, as a plug-in sees them: a {@link Transport} (through
 * {@link TransportContext}) and a {@link Discovery} (through {@link DiscoveryContext}) do their
 * work here, on the thread that does the node's, with no thread of their own.
 *
 * <p>Threading: every method may be called from any thread, returns quickly and never blocks,
 * except {@link #register}, which is for the node's loop only, and {@link #await}, which blocks
 * (off the loop) by design. The loop is shared with the node's links and possibly with other
 * nodes, so a plug-in's work per task or readiness event must be bounded.
 */
public interface LoopContext {
    /** The clock the node lives by; a plug-in times its own deadlines with it. */
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
     * plug-in's {@code close()}, which must see its sockets flushed and closed there. A node on
     * a host-driven loop group has nobody else to run its loop, so this call runs the loop
     * (tasks, timers and I/O) on the calling thread, the host's, until then, and returns as soon
     * as {@code done} completes. On the loop itself it cannot wait, and only reports. Returns
     * true if {@code done} completed (normally or not); false on timeout or interrupt (the
     * interrupt flag is then set).
     */
    boolean await(Future<?> done, Duration limit);

    /**
     * Registers {@code channel} (non-blocking) with the selector of the node's loop thread for
     * {@code ops}: from then on {@code handler} is called on the loop whenever the channel is
     * ready, so the plug-in does its I/O where the node does its work, with no hand-off. The
     * key's attachment is {@code handler}; change interest with
     * {@link SelectionKey#interestOps(int)} and cancel by closing the channel. Loop only (from a
     * task given to {@link #execute}).
     *
     * @throws IOException if the channel cannot be registered
     * @throws IllegalStateException if called off the loop
     */
    SelectionKey register(SelectableChannel channel, int ops, IoHandler handler)
            throws IOException;
}
