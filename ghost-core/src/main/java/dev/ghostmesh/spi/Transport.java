package dev.ghostmesh.spi;

import dev.ghostmesh.PeerAddress;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A way to reach peers (TCP, in-memory, ...), registered on {@code MeshNode.Builder}. A transport
 * moves frames; it does not decode them. One transport instance serves one node.
 *
 * <p>Threading: {@link #start} and {@link #close} are called by the thread that starts or closes
 * the node; {@link #dial} and {@link #supports} by the node thread. Implementations run their
 * own I/O threads and report to the core only through {@link TransportContext}.
 */
public interface Transport {
    /**
     * Starts listening (if the transport listens) and remembers {@code context}. Blocks until the
     * transport is ready, so that a port already in use fails here.
     *
     * @throws IOException with a user-facing message naming the address or port on failure
     */
    void start(TransportContext context) throws IOException;

    /**
     * True if {@code address} is of this transport's scheme ({@code tcp} for TCP, {@code local}
     * for a {@code LocalNetwork}): a transport claims only its own scheme, and the node dials
     * with the first registered transport that claims the address. Never blocks.
     */
    boolean supports(PeerAddress address);

    /**
     * Opens an outbound link. The future completes with the link after
     * {@link TransportContext#onLinkUp} was raised for it, or exceptionally (connection refused,
     * unknown host, timeout) with an exception whose message is user-facing. Never blocks. The
     * future may complete on the transport's I/O thread: dependent stages must not block. The
     * node calls it only with addresses this transport {@linkplain #supports claims}; others
     * may be refused with an {@link IllegalArgumentException}.
     */
    CompletableFuture<Link> dial(PeerAddress address);

    /** The addresses this transport listens on (empty if it does not listen). */
    List<PeerAddress> listenAddresses();

    /** Closes every link and stops listening; idempotent. May block briefly while I/O stops. */
    void close();
}
