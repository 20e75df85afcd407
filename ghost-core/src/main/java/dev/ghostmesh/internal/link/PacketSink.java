package dev.ghostmesh.internal.link;

/**
 * Where {@link FrameIntake} hands a packet frame once the link layer is done with it (the link
 * is ready and the frame decrypted): the node's packet handling, which sits above the links.
 *
 * <p>Threading: called on the node's loop thread only.
 */
@FunctionalInterface
public interface PacketSink {
    /** A decrypted packet frame that arrived on {@code from}, a ready link. */
    void onPacket(LinkSession from, byte[] frame);

    /** A decrypted catch-up frame (types 70-73) that arrived on {@code from}, a ready link. */
    default void onCatchUpFrame(LinkSession from, int type, byte[] frame) {
    }
}
