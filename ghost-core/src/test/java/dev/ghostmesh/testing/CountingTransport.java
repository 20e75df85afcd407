package dev.ghostmesh.testing;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.ForwardingTransportContext;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.spi.TransportContext;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a transport to count its open links, so tests can see duplicates being closed, and the
 * frames it received, so tests can see which nodes a packet reached.
 */
public final class CountingTransport implements Transport {
    private final Transport delegate;
    private final AtomicInteger openLinks = new AtomicInteger();
    private final AtomicLong framesReceived = new AtomicLong();

    public CountingTransport(Transport delegate) {
        this.delegate = delegate;
    }

    public int openLinks() {
        return openLinks.get();
    }

    /** Frames of every kind received on every link so far. */
    public long framesReceived() {
        return framesReceived.get();
    }

    public Transport delegate() {
        return delegate;
    }

    @Override
    public void start(TransportContext context) throws IOException {
        delegate.start(new ForwardingTransportContext(context) {
            @Override
            public void onLinkUp(Link link) {
                openLinks.incrementAndGet();
                super.onLinkUp(link);
            }

            @Override
            public void onFrame(Link link, byte[] frame) {
                framesReceived.incrementAndGet();
                super.onFrame(link, frame);
            }

            @Override
            public void onLinkDown(Link link, Throwable cause) {
                openLinks.decrementAndGet();
                super.onLinkDown(link, cause);
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
