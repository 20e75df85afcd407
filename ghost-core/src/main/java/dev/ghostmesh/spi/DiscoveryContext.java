package dev.ghostmesh.spi;

import dev.ghostmesh.NodeId;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;

/**
 * The core's side of a {@link Discovery}: where found peers are reported, and the node's loop
 * and clock, on which a discovery does its work (beacon timers, socket reads) with no thread of
 * its own, as a transport does through {@link TransportContext}.
 *
 * <p>Threading: every method may be called from any thread, returns quickly and never blocks,
 * except {@link #register}, which is for the node's loop only, and {@link #await}, which blocks
 * (off the loop) by design. A discovery that runs on the loop
 * (registers its socket, schedules its timers) reports from there; the loop is shared with the
 * node's links and possibly with other nodes, so its work per task or readiness event must be
 * bounded.
 */
public interface DiscoveryContext {
    /** The clock the node lives by; a discovery times its beacons and expiries with it. */
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
     * discovery's {@code close()}, which must see its sockets flushed and closed there. A node on a
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
     * ready. The key's attachment is {@code handler}; cancel by closing the channel. Loop only
     * (from a task given to {@link #execute}).
     *
     * @throws IOException if the channel cannot be registered
     * @throws IllegalStateException if called off the loop
     */
    SelectionKey register(SelectableChannel channel, int ops, IoHandler handler)
            throws IOException;

    /** This node's id, so a discovery can ignore its own announcements. */
    NodeId localId();

    /** Addresses this node listens on, for a discovery to advertise. */
    List<PeerAddress> listenAddresses();

    /**
     * A peer may be reachable at {@code address}. {@code claimedId} is only a hint (or null):
     * the link handshake proves the real id, and a mismatch is dropped.
     */
    void onPeerFound(PeerAddress address, NodeId claimedId);
}
