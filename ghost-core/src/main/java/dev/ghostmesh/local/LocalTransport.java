package dev.ghostmesh.local;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.spi.TransportContext;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Transport} on a {@link LocalNetwork}: reachable at {@link PeerAddress#local
 * PeerAddress.local(name)}, and claiming only {@code local} addresses.
 * Links behave like the TCP transport's: ordered frames, a bounded outbound queue (send returns
 * false when {@link #MAX_QUEUED_BYTES} are in flight), graceful close after in-flight frames.
 *
 * <p>Threading: thread-safe; callbacks to a node run on that node's loop.
 */
public final class LocalTransport implements Transport {
    /** Bytes a link may have in flight before {@code send} refuses frames. */
    public static final long MAX_QUEUED_BYTES = 4L * 1024 * 1024;

    private final LocalNetwork network;
    private final String name;
    private final PeerAddress address;
    private final Set<LocalLink> links = ConcurrentHashMap.newKeySet();
    private volatile TransportContext context;
    private volatile boolean closed;

    LocalTransport(LocalNetwork network, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a local transport needs a name");
        }
        if (name.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // An announce carries local:<name>; local:5 reads there as TCP host "local", port 5.
            throw new IllegalArgumentException("invalid local name '" + name
                    + "': must not be all digits (local:" + name + " reads as a TCP address)");
        }
        this.address = PeerAddress.local(name);
        if (!address.host().equals(name)) {
            throw new IllegalArgumentException("invalid local name '" + name
                    + "': no white space around it");
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
        return address;
    }

    @Override
    public void start(TransportContext context) throws IOException {
        this.context = context;
        network.register(this);
    }

    /** True for {@code local} addresses, whether or not a node has that name. */
    @Override
    public boolean supports(PeerAddress address) {
        return address != null && PeerAddress.LOCAL.equals(address.scheme());
    }

    /**
     * Links to the transport named {@code address.host()} on this network; fails with
     * {@code no local node named 'x' (connection refused)} when there is none.
     *
     * @throws IllegalArgumentException if {@code address} is not a {@code local} one
     */
    @Override
    public CompletableFuture<Link> dial(PeerAddress address) {
        if (!supports(address)) {
            throw new IllegalArgumentException("a local transport cannot dial " + address);
        }
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
