package dev.ghostmesh.benchmarks.common;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.ForwardingTransportContext;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.spi.TransportContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every frame the nodes of a run (the simulation, the load tool) put on their links and
 * every frame, and byte, the network hands to a node, by wrapping each node's transport. Frames are counted below the node, after
 * link encryption, so the counts are what a wire would carry: handshakes, presence, chat and
 * keepalives alike. {@code sent - received} is what is still in flight.
 *
 * <p>Threading: thread-safe; the counters are updated from node threads (send) and the network's
 * delivery thread (receive).
 */
public final class FrameCounter {
    private final LongAdder sent = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder receivedBytes = new LongAdder();
    private final int framingBytes;

    /** @param framingBytes bytes the transport adds to each frame (4 for TCP's length prefix) */
    public FrameCounter(int framingBytes) {
        this.framingBytes = framingBytes;
    }

    public long sent() {
        return sent.sum();
    }

    public long received() {
        return received.sum();
    }

    /** Bytes received, framing included: all nodes are in this JVM, so the bytes on the wire. */
    public long receivedBytes() {
        return receivedBytes.sum();
    }

    /** {@code transport}, with its links' frames counted here. */
    public Transport wrap(Transport transport) {
        return new Counted(transport);
    }

    /**
     * The wrapper hands the node one {@link CountedLink} per real link, and the same one in
     * every callback, because the node keys its link state by identity.
     */
    private final class Counted implements Transport {
        private final Transport delegate;
        private final Map<Link, CountedLink> links = new ConcurrentHashMap<>();

        Counted(Transport delegate) {
            this.delegate = delegate;
        }

        private CountedLink counted(Link link) {
            return links.computeIfAbsent(link, CountedLink::new);
        }

        @Override
        public void start(TransportContext context) throws IOException {
            delegate.start(new ForwardingTransportContext(context) {
                @Override
                public void onLinkUp(Link link) {
                    super.onLinkUp(counted(link));
                }

                @Override
                public void onFrame(Link link, byte[] frame) {
                    received.increment();
                    receivedBytes.add(frame.length + framingBytes);
                    super.onFrame(counted(link), frame);
                }

                @Override
                public void onLinkDown(Link link, Throwable cause) {
                    CountedLink c = links.remove(link);
                    super.onLinkDown(c != null ? c : new CountedLink(link), cause);
                }
            });
        }

        @Override
        public boolean supports(PeerAddress address) {
            return delegate.supports(address);
        }

        @Override
        public CompletableFuture<Link> dial(PeerAddress address) {
            return delegate.dial(address).thenApply(this::counted);
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

    private final class CountedLink implements Link {
        private final Link delegate;

        CountedLink(Link delegate) {
            this.delegate = delegate;
        }

        @Override
        public PeerAddress remoteAddress() {
            return delegate.remoteAddress();
        }

        @Override
        public boolean inbound() {
            return delegate.inbound();
        }

        @Override
        public boolean send(byte[] frame) {
            boolean accepted = delegate.send(frame);
            if (accepted) {
                sent.increment();
            }
            return accepted;
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }
}
