package dev.ghostmesh.spi;

/**
 * The core's side of a {@link Transport}: how a transport reports links and frames.
 *
 * <p>Threading: called by the transport's own I/O threads. Every method returns quickly and
 * never blocks: the core hands the event to its node thread. For a given link, calls must be
 * made in order: {@link #onLinkUp} first, then {@link #onFrame}s, then {@link #onLinkDown} once.
 */
public interface TransportContext {
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
