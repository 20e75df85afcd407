package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.Link;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;

/**
 * One outbound connection attempt, from {@code dial()} until it becomes a link or fails.
 *
 * <p>Threading: {@link #future} and {@link #channel} are safe to read from any thread; the
 * selection key is touched only by the I/O thread.
 */
final class Dial {
    final PeerAddress address;
    /** Time on the node's monotonic clock by which the whole attempt, name resolution included, must finish. */
    final long deadline;
    final CompletableFuture<Link> future = new CompletableFuture<>();
    volatile SocketChannel channel;
    SelectionKey key;

    Dial(PeerAddress address, long deadline) {
        this.address = address;
        this.deadline = deadline;
    }

    @Override
    public String toString() {
        return "dial " + address;
    }
}
