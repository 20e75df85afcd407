package dev.ghostmesh.spi;

import java.nio.channels.SelectionKey;

/**
 * What a transport or a discovery attaches to a channel it registers on the node's loop
 * ({@link TransportContext#register}, {@link DiscoveryContext#register}): told when the channel
 * is ready for the operations it asked for. Readiness is level-triggered: a handler that leaves
 * data unread is called again on the loop's next pass, so it may bound its work per call.
 *
 * <p>Threading: called on the node's loop thread only, one call at a time; it must not block.
 */
@FunctionalInterface
public interface IoHandler {
    /** The channel of {@code key} is ready for (some of) {@code key.readyOps()}. */
    void onReady(SelectionKey key);
}
