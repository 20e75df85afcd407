package dev.ghostmesh.spi;

import dev.ghostmesh.PeerAddress;

/**
 * One open, bidirectional, frame-preserving connection to a peer, provided by a
 * {@link Transport}. The core authenticates the peer over the link before routing anything.
 *
 * <p>Threading: {@link #send(byte[])} and {@link #close()} are called by the node thread (and
 * may be called from any thread); implementations must make them non-blocking and thread-safe.
 * Accessors are called from any thread.
 */
public interface Link {
    /** The peer's address as seen by this transport (for inbound links, its source address). */
    PeerAddress remoteAddress();

    /** True if the peer dialed us; false if we dialed it. */
    boolean inbound();

    /**
     * Queues one frame for sending and returns at once. The array is not copied: the caller
     * must not modify it afterwards, and the transport must not modify it (the same array is
     * often queued on several links). Returns {@code false}, without queueing, when the link is
     * closed or its bounded outbound queue is full; the caller counts that as a drop.
     *
     * @throws IllegalArgumentException if the frame is empty or larger than the peer's
     *     {@link TransportContext#maxFrameSize()} (the peer would close the link on it)
     */
    boolean send(byte[] frame);

    /**
     * Closes the link gracefully: frames already queued are flushed (within a short
     * transport-defined deadline), then the connection is closed and
     * {@link TransportContext#onLinkDown} is raised once. Idempotent; never blocks.
     */
    void close();
}
