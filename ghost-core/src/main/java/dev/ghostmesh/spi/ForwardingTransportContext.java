package dev.ghostmesh.spi;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Future;

/**
 * A {@link TransportContext} that passes every call to another, for a transport that wraps
 * another one (to count frames, to wrap links): override only the calls it changes.
 *
 * <p>Threading: as {@link TransportContext}; it adds no state of its own.
 */
public abstract class ForwardingTransportContext implements TransportContext {
    private final TransportContext delegate;

    /** Forwards to {@code delegate}. */
    protected ForwardingTransportContext(TransportContext delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public MeshClock clock() {
        return delegate.clock();
    }

    @Override
    public void execute(Runnable task) {
        delegate.execute(task);
    }

    @Override
    public Runnable schedule(Runnable task, Duration delay) {
        return delegate.schedule(task, delay);
    }

    @Override
    public boolean inLoop() {
        return delegate.inLoop();
    }

    @Override
    public boolean await(Future<?> done, Duration limit) {
        return delegate.await(done, limit);
    }

    @Override
    public SelectionKey register(SelectableChannel channel, int ops, IoHandler handler)
            throws IOException {
        return delegate.register(channel, ops, handler);
    }

    @Override
    public void onLinkUp(Link link) {
        delegate.onLinkUp(link);
    }

    @Override
    public void onFrame(Link link, byte[] frame) {
        delegate.onFrame(link, frame);
    }

    @Override
    public void onLinkDown(Link link, Throwable cause) {
        delegate.onLinkDown(link, cause);
    }

    @Override
    public int maxFrameSize() {
        return delegate.maxFrameSize();
    }
}
