package dev.ghostmesh.spi;

import java.nio.channels.SelectionKey;

/**
 * What a transport attaches to a channel it registers on the node's loop
 * ({@link TransportContext#register}): told when the channel is ready for the operations it
 * asked for.
 *
 * <p>Threading: called on the node's loop thread only, one call at a time; it must not block.
 */
@FunctionalInterface
public interface IoHandler {
    /** The channel of {@code key} is ready for (some of) {@code key.readyOps()}. */
    void onReady(SelectionKey key);
}
