package dev.ghostmesh.benchmarks.load;

import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.PeerAddress;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.spi.TransportContext;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the bytes a TCP transport receives (each frame plus its 4-byte length prefix). Every
 * node of a run is in this JVM, so the bytes received are exactly the bytes on the wire.
 *
 * <p>Threading: the counter is atomic; callbacks run on the transport's threads.
 */
final class CountingTransport implements Transport {
    private final Transport delegate;
    private final AtomicLong bytes;

    CountingTransport(Transport delegate, AtomicLong bytes) {
        this.delegate = delegate;
        this.bytes = bytes;
    }

    @Override
    public void start(TransportContext context) throws IOException {
        delegate.start(new TransportContext() {
            @Override
            public void onLinkUp(Link link) {
                context.onLinkUp(link);
            }

            @Override
            public void onFrame(Link link, byte[] frame) {
                bytes.addAndGet(frame.length + 4L);
                context.onFrame(link, frame);
            }

            @Override
            public void onLinkDown(Link link, Throwable cause) {
                context.onLinkDown(link, cause);
            }

            @Override
            public int maxFrameSize() {
                return context.maxFrameSize();
            }
        });
    }

    @Override
    public boolean supports(PeerAddress address) {
        return delegate.supports(address);
    }

    @Override
    public CompletableFuture<Link> dial(PeerAddress address) {
        return delegate.dial(address);
    }

    @Override
    public List<PeerAddress> listenAddresses() {
        return delegate.listenAddresses();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
