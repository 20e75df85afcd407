package dev.ghostmesh.spi;

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
public interface TransportContext extends LoopContext {
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
