package dev.ghostmesh.local;

import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.PeerAddress;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.spi.TransportContext;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Transport} on a {@link LocalNetwork}: reachable at {@code PeerAddress(name, 1)}.
 * Links behave like the TCP transport's: ordered frames, a bounded outbound queue (send returns
 * false when {@link #MAX_QUEUED_BYTES} are in flight), graceful close after in-flight frames.
 *
 * <p>Threading: thread-safe; callbacks to a node run on that node's loop.
 */
public final class LocalTransport implements Transport {
    /** Bytes a link may have in flight before {@code send} refuses frames. */
    public static final long MAX_QUEUED_BYTES = 4L * 1024 * 1024;
    /** The nominal port of every local address. */
    public static final int PORT = 1;

    private final LocalNetwork network;
    private final String name;
    private final Set<LocalLink> links = ConcurrentHashMap.newKeySet();
    private volatile TransportContext context;
    private volatile boolean closed;

    LocalTransport(LocalNetwork network, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a local transport needs a name");
        }
        this.network = network;
        this.name = name;
    }

    /** The name other transports dial. */
    public String name() {
        return name;
    }

    /** The address other nodes dial to reach this transport. */
    public PeerAddress address() {
        return new PeerAddress(name, PORT);
    }

    @Override
    public void start(TransportContext context) throws IOException {
        this.context = context;
        network.register(this);
    }

    @Override
    public boolean supports(PeerAddress address) {
        return network.lookup(address.host()) != null;
    }

    @Override
    public CompletableFuture<Link> dial(PeerAddress address) {
        CompletableFuture<Link> result = new CompletableFuture<>();
        LocalTransport target = network.lookup(address.host());
        if (closed || context == null) {
            result.completeExceptionally(new IOException("transport is not running"));
        } else if (target == null || target.closed) {
            result.completeExceptionally(new IOException("no local node named '"
                    + address.host() + "' (connection refused)"));
        } else {
            LocalLink outbound = new LocalLink(this, false, target.address());
            LocalLink inbound = new LocalLink(target, true, address());
            outbound.peer = inbound;
            inbound.peer = outbound;
            // The acceptor learns of the link first, so it knows the link before any frame the
            // dialer sends on it arrives.
            network.deliver(target.context(), () -> target.open(inbound));
            network.deliver(context, () -> {
                open(outbound);
                result.complete(outbound);
            });
        }
        return result;
    }

    @Override
    public List<PeerAddress> listenAddresses() {
        return List.of(address());
    }

    @Override
    public void close() {
        closed = true;
        network.unregister(this);
        links.forEach(LocalLink::close);
    }

    private void open(LocalLink link) {
        links.add(link);
        context.onLinkUp(link);
    }

    LocalNetwork network() {
        return network;
    }

    void closed(LocalLink link) {
        links.remove(link);
        context.onLinkDown(link, null);
    }

    TransportContext context() {
        return context;
    }
}
