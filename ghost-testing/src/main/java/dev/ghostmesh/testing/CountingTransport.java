package dev.ghostmesh.testing;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.ForwardingTransportContext;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.spi.TransportContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wraps a transport to count what crosses it: the links open now (so a test sees duplicates
 * closed), the frames sent and received (so it sees which nodes a packet reached), and the bytes
 * received. The counts are taken below the node, after link encryption, so they are what a wire
 * carries: handshakes, presence and keepalives as well as messages.
 *
 * <p>Several transports may count into one {@link Counts}, for the totals of a whole mesh (the
 * simulation and the load tool in benchmarks do); this transport's getters then return those
 * totals.
 *
 * <p>Threading: thread-safe. The counts are updated from whatever threads the wrapped transport
 * calls back on and the node sends from, and may be read from any thread.
 */
public final class CountingTransport implements Transport {
    private final Transport delegate;
    private final Counts counts;
    // The node keys its link state by identity: it must get the same wrapper in every callback.
    private final Map<Link, CountedLink> links = new ConcurrentHashMap<>();

    /**
     * Totals that one or more {@link CountingTransport}s add to.
     *
     * <p>Threading: thread-safe.
     */
    public static final class Counts {
        private final AtomicInteger openLinks = new AtomicInteger();
        private final LongAdder framesSent = new LongAdder();
        private final LongAdder framesReceived = new LongAdder();
        private final LongAdder bytesReceived = new LongAdder();

        /** All zero. */
        public Counts() {}

        /** Links up and not yet down. */
        public int openLinks() {
            return openLinks.get();
        }

        /** Frames the links accepted for sending ({@link Link#send} returned true). */
        public long framesSent() {
            return framesSent.sum();
        }

        /** Frames of every kind received on every link. */
        public long framesReceived() {
            return framesReceived.sum();
        }

        /** Bytes of those frames, without the transport's own framing. */
        public long bytesReceived() {
            return bytesReceived.sum();
        }
    }

    /** Wraps {@code delegate} with counts of its own. */
    public CountingTransport(Transport delegate) {
        this(delegate, new Counts());
    }

    /** Wraps {@code delegate}, adding to {@code counts}, which other transports may share. */
    public CountingTransport(Transport delegate, Counts counts) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.counts = Objects.requireNonNull(counts, "counts");
    }

    /** What this transport counts into. */
    public Counts counts() {
        return counts;
    }

    /** {@link Counts#openLinks()}. */
    public int openLinks() {
        return counts.openLinks();
    }

    /** {@link Counts#framesSent()}. */
    public long framesSent() {
        return counts.framesSent();
    }

    /** {@link Counts#framesReceived()}. */
    public long framesReceived() {
        return counts.framesReceived();
    }

    /** {@link Counts#bytesReceived()}. */
    public long bytesReceived() {
        return counts.bytesReceived();
    }

    /** The wrapped transport. */
    public Transport delegate() {
        return delegate;
    }

    private CountedLink counted(Link link) {
        return links.computeIfAbsent(link, CountedLink::new);
    }

    @Override
    public void start(TransportContext context) throws IOException {
        delegate.start(new ForwardingTransportContext(context) {
            @Override
            public void onLinkUp(Link link) {
                counts.openLinks.incrementAndGet();
                super.onLinkUp(counted(link));
            }

            @Override
            public void onFrame(Link link, byte[] frame) {
                counts.framesReceived.increment();
                counts.bytesReceived.add(frame.length);
                super.onFrame(counted(link), frame);
            }

            @Override
            public void onLinkDown(Link link, Throwable cause) {
                counts.openLinks.decrementAndGet();
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

    @Override
    public String toString() {
        return "counting " + delegate;
    }

    /** A link whose accepted sends are counted. */
    private final class CountedLink implements Link {
        private final Link link;

        CountedLink(Link link) {
            this.link = link;
        }

        @Override
        public PeerAddress remoteAddress() {
            return link.remoteAddress();
        }

        @Override
        public boolean inbound() {
            return link.inbound();
        }

        @Override
        public boolean send(byte[] frame) {
            boolean accepted = link.send(frame);
            if (accepted) {
                counts.framesSent.increment();
            }
            return accepted;
        }

        @Override
        public void close() {
            link.close();
        }

        @Override
        public String toString() {
            return link.toString();
        }
    }
}
