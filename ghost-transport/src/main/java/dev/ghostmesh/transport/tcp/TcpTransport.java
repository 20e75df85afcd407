package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.spi.TransportContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Transport} over TCP, built on non-blocking java.nio: the node's loop thread accepts,
 * connects, reads and writes for all of this transport's links; there is never a thread per
 * peer (see Threading below).
 *
 * <pre>{@code
 * TcpTransport tcp = TcpTransport.builder().port(6666).build();
 * MeshNode node = MeshNode.builder().transport(tcp) ... .build();
 * node.start();
 * node.connect(TcpTransport.parseAddress("10.0.0.2"));  // tcp:10.0.0.2:6666
 * }</pre>
 *
 * <p>Addresses: the transport claims {@code tcp} addresses ({@link PeerAddress#tcp}) and no
 * others. {@link #parseAddress} reads what people type ({@code host}, {@code host:port},
 * {@code [v6]:port}), with {@link #DEFAULT_PORT} where the port is left out.
 *
 * <p>Wire format: every frame is a 4-byte big-endian length followed by that many bytes. A
 * declared length of 0 or above {@link TransportContext#maxFrameSize()} is rejected before
 * anything is allocated and closes that link (only that link) with a {@code ProtocolException}.
 *
 * <p>Outbound queue policy: each link queues at most {@link Builder#maxQueuedBytesPerLink}
 * bytes (payload plus 4 bytes per frame) that the socket has not yet taken. When a frame does
 * not fit, {@link Link#send} returns {@code false} and the frame is not queued (the core counts
 * it as dropped); the link stays open, so a slow peer costs only its own frames. Frame arrays
 * are never copied or modified, so one array may be queued on many links. An empty frame, or
 * one above {@code maxFrameSize}, makes {@code send} throw {@link IllegalArgumentException}: the
 * peer would close the link on it.
 *
 * <p>Closing: {@link Link#close()} stops accepting frames, flushes what is queued, shuts down
 * output and waits for the peer to close its side, all bounded by
 * {@link Builder#closeFlushTimeout}; frames that arrive after a local close are discarded.
 * The peer's end of stream closes the link too (half-open connections are not kept).
 * {@link TransportContext#onLinkDown} then reports {@code null} for a clean close by either side,
 * or the {@link IOException} that ended the link (a flush deadline that left bytes unsent is
 * such an exception).
 *
 * <p>Limits against abusive peers, each a {@link Builder} setting with its reason: a frame must
 * be complete within {@link Builder#frameTimeout} (10 s) of its first byte; bytes queued for a
 * peer that takes none of them close its link after {@link Builder#writeStallTimeout} (10 s);
 * at most {@link Builder#maxConnections} (1,024) links are open at once, and connections beyond
 * are closed as soon as they are accepted. When {@code accept()} fails (out of file
 * descriptors, say), accepting pauses for 100 ms rather than spin, and one warning is logged
 * per burst. Each limit costs only the offending connection: the selector never blocks on one
 * link, so other links keep flowing.
 *
 * <p>Threading: every method is thread-safe. The transport runs no I/O thread of its own: its
 * sockets are registered with the selector of the node's loop thread
 * ({@link TransportContext#register}), so reads, the node's handling of each frame, relays and
 * writes happen on that one thread, with no hand-off. All {@link TransportContext} calls are
 * made there; the {@link #dial} future also completes there, so its dependent stages must not
 * block. Name resolution for {@link #dial} runs on a small bounded pool, never on the loop.
 */
public final class TcpTransport implements Transport {
    /** The port a node listens on, and a typed address without a port means: 6666. */
    public static final int DEFAULT_PORT = 6666;

    private static final int BACKLOG = 128;
    private static final int RESOLVER_THREADS = 2;
    private static final int MAX_PENDING_RESOLVES = 256;

    // Per instance, not static: the static parseAddress must not initialize slf4j, since a
    // program (ghost-terminal) parses its addresses before it configures logging.
    private final Logger log = LoggerFactory.getLogger(TcpTransport.class);
    private final int port;
    private final String bindAddress;
    private final TcpSettings settings;
    private final Duration closeFlushTimeout;
    private final HostResolver resolver;
    private final Acceptor.Call acceptCall;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile IoLoop loop;
    private volatile ExecutorService resolverPool;
    private volatile List<PeerAddress> listening = List.of();

    private TcpTransport(Builder b) {
        this.port = b.port;
        this.bindAddress = b.bindAddress;
        this.settings = new TcpSettings(b.connectTimeout, b.maxQueuedBytesPerLink,
                b.closeFlushTimeout, b.frameTimeout, b.writeStallTimeout, b.maxConnections);
        this.closeFlushTimeout = b.closeFlushTimeout;
        this.resolver = b.resolver;
        this.acceptCall = b.acceptCall;
    }

    /** A builder with the documented defaults. Callable from any thread. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the listen socket and hands it to the node's loop. Blocks until listening. Called by
     * the thread that starts the node.
     *
     * @throws IOException with a user-facing message, e.g. {@code port 6666 is already in use}
     *     or {@code cannot listen on 0.0.0.0:80: Permission denied}
     * @throws IllegalStateException if already started or closed
     */
    @Override
    public void start(TransportContext context) throws IOException {
        Objects.requireNonNull(context, "context");
        if (context.maxFrameSize() < 1) {
            throw new IllegalArgumentException("maxFrameSize must be positive");
        }
        if (closed.get()) {
            throw new IllegalStateException("transport is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("transport already started");
        }
        ServerSocketChannel server = null;
        try {
            server = Sockets.listen(bindAddress, port, BACKLOG);
            InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
            String name = "ghost-tcp-" + bound.getPort();
            ExecutorService pool = Sockets.resolverPool(name + "-resolver", RESOLVER_THREADS,
                    MAX_PENDING_RESOLVES);
            IoLoop l = new IoLoop(name, server, context, settings, resolver, pool,
                    acceptCall);
            resolverPool = pool;
            loop = l;
            listening = List.of(PeerAddress.tcp(bound.getAddress().getHostAddress(),
                    bound.getPort()));
            l.start();
            log.debug("listening on {}", listening.get(0));
        } catch (IOException | RuntimeException e) {
            Sockets.closeQuietly(server);
            started.set(false);
            throw e;
        }
    }

    /**
     * True for every {@code tcp} address (TCP can try any host and port), false for any other
     * scheme. Never blocks; callable from any thread.
     */
    @Override
    public boolean supports(PeerAddress address) {
        return address != null && PeerAddress.TCP.equals(address.scheme());
    }

    /**
     * Connects to {@code address} without blocking. The future completes on the node's loop
     * with the link after {@link TransportContext#onLinkUp} was raised for it, or exceptionally
     * with an {@link IOException} whose message is user-facing: {@code connection refused},
     * {@code unknown host <name>} or {@code connect timed out after <n> ms} (the timeout covers
     * name resolution too). After {@link #close()} it fails with {@code transport closed}.
     * Callable from any thread.
     *
     * @throws IllegalArgumentException if {@code address} is not a {@code tcp} one
     * @throws IllegalStateException if the transport was never started
     */
    @Override
    public CompletableFuture<Link> dial(PeerAddress address) {
        Objects.requireNonNull(address, "address");
        if (!supports(address)) {
            throw new IllegalArgumentException("TCP cannot dial " + address);
        }
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IOException("transport closed"));
        }
        IoLoop l = loop;
        if (l == null) {
            throw new IllegalStateException("transport not started");
        }
        return l.dialer().dial(address);
    }

    /**
     * The bound listen address, with the actual port (so port 0 reports the ephemeral port);
     * empty before {@link #start} and after {@link #close()}. Callable from any thread.
     */
    @Override
    public List<PeerAddress> listenAddresses() {
        return listening;
    }

    /**
     * Stops accepting, fails pending dials, flushes and closes every link (raising
     * {@link TransportContext#onLinkDown} for each) and releases the sockets. Blocks until that
     * is done on the node's loop, for at most about {@code closeFlushTimeout} + 100 ms, after
     * which the sockets are closed from the calling thread; a node on a host-driven loop group
     * has its loop run by this call meanwhile ({@link TransportContext#await}), so it returns as
     * soon as the links have flushed and closed. On the loop itself it does not wait: the links
     * finish closing there. Idempotent; callable from any thread.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listening = List.of();
        IoLoop l = loop;
        if (l == null) {
            return;
        }
        l.stop();
        resolverPool.shutdownNow();
        if (l.context().inLoop()) {
            return; // called on the node's loop: the links finish closing there on their own
        }
        // On a host-driven node this runs the loop on this thread (nobody else does), so close
        // returns as soon as every link has flushed and closed rather than after the timeout.
        Duration limit = closeFlushTimeout.plusMillis(100);
        if (!l.context().await(l.terminated(), limit)) {
            // The loop is stopping with the node, or its host no longer polls it.
            log.debug("{} did not stop within {} ms; closing its sockets", l, limit.toMillis());
            l.forceClose();
        }
    }

    /**
     * Parses a TCP address as people type it: {@code host}, {@code host:port}, {@code [v6]} or
     * {@code [v6]:port}, with or without a {@code tcp:} prefix; a missing port is
     * {@link #DEFAULT_PORT}, and a bare IPv6 literal ({@code ::1}) is all host. Callable from
     * any thread.
     *
     * @throws IllegalArgumentException with a one-line, user-facing message if the text is not
     *     such an address
     */
    public static PeerAddress parseAddress(String text) {
        return TcpAddresses.parse(text, DEFAULT_PORT);
    }

    /**
     * As {@link #parseAddress(String)}, with {@code defaultPort} where the text has none.
     *
     * @throws IllegalArgumentException with a one-line, user-facing message if the text is not
     *     such an address, or {@code defaultPort} is not 1..65535
     */
    public static PeerAddress parseAddress(String text, int defaultPort) {
        return TcpAddresses.parse(text, defaultPort);
    }

    /**
     * Parses a TCP port number given as text (decimal 1..65535). Callable from any thread.
     *
     * @throws IllegalArgumentException with a user-facing message if it is not one
     */
    public static int parsePort(String text) {
        return TcpAddresses.port(text);
    }

    /** Inbound connections closed at once because {@code maxConnections} links were open. */
    long refusedConnections() {
        IoLoop l = loop;
        Acceptor a = l == null ? null : l.acceptor();
        return a == null ? 0 : a.refused();
    }

    /** Calls to {@code accept()} that failed (out of file descriptors, say). */
    long failedAccepts() {
        IoLoop l = loop;
        Acceptor a = l == null ? null : l.acceptor();
        return a == null ? 0 : a.failed();
    }

    @Override
    public String toString() {
        List<PeerAddress> now = listening;
        return "TcpTransport[" + (now.isEmpty() ? Sockets.hostPort(bindAddress, port) : now.get(0)) + "]";
    }

    /**
     * Configures a {@link TcpTransport}. Not thread-safe: use one builder from one thread. Each
     * {@link #build()} snapshots the settings, so a builder can make several transports.
     */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private String bindAddress = "0.0.0.0";
        private Duration connectTimeout = Duration.ofSeconds(5);
        private int maxQueuedBytesPerLink = 4 * 1024 * 1024;
        private Duration closeFlushTimeout = Duration.ofMillis(500);
        private Duration frameTimeout = Duration.ofSeconds(10);
        private Duration writeStallTimeout = Duration.ofSeconds(10);
        private int maxConnections = 1024;
        private HostResolver resolver = HostResolver.SYSTEM;
        private Acceptor.Call acceptCall = Acceptor.Call.SYSTEM;

        private Builder() {
        }

        /**
         * The port to listen on; default {@value TcpTransport#DEFAULT_PORT}, 0 for an ephemeral
         * port (see {@link TcpTransport#listenAddresses()}). Call from the builder's thread.
         *
         * @throws IllegalArgumentException if not 0-65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("invalid port " + port + ": must be 0-65535");
            }
            this.port = port;
            return this;
        }

        /**
         * The local address to listen on; default {@code 0.0.0.0} (every IPv4 interface). Resolved
         * by {@link TcpTransport#start}. Call from the builder's thread.
         *
         * @throws IllegalArgumentException if blank
         */
        public Builder bindAddress(String bindAddress) {
            if (bindAddress == null || bindAddress.isBlank()) {
                throw new IllegalArgumentException("invalid bind address: empty");
            }
            this.bindAddress = bindAddress.strip();
            return this;
        }

        /**
         * How long a dial may take, name resolution included; default 5 s. Call from the
         * builder's thread.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * The bound of each link's outbound queue, in bytes (payload plus 4 per frame); default
         * 4 MiB. When a frame does not fit, {@code send} returns false. Call from the builder's
         * thread.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxQueuedBytesPerLink(int maxQueuedBytesPerLink) {
            if (maxQueuedBytesPerLink < 1) {
                throw new IllegalArgumentException("maxQueuedBytesPerLink must be positive: "
                        + maxQueuedBytesPerLink);
            }
            this.maxQueuedBytesPerLink = maxQueuedBytesPerLink;
            return this;
        }

        /**
         * How long a graceful close may spend flushing queued frames and waiting for the peer to
         * close its side; default 500 ms. Also bounds {@link TcpTransport#close()}. Zero closes
         * after one write attempt. Call from the builder's thread.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder closeFlushTimeout(Duration closeFlushTimeout) {
            Objects.requireNonNull(closeFlushTimeout, "closeFlushTimeout");
            if (closeFlushTimeout.isNegative()) {
                throw new IllegalArgumentException("closeFlushTimeout must not be negative");
            }
            this.closeFlushTimeout = closeFlushTimeout;
            return this;
        }

        /**
         * How long one frame may take to arrive once its first byte (length prefix included)
         * has; default 10 s. A frame is at most 64 KiB, which even a 100 kbit/s path carries in
         * about 5 s, so an honest peer never comes close; a peer that trickles bytes to hold a
         * half-filled buffer open loses its link with a {@link java.net.SocketTimeoutException}
         * {@code frame not completed within 10 s}. It is shorter than the core's 12 s link
         * timeout so that the log names the real cause. Checked about once a second (a quarter
         * of the shorter timeout if that is smaller), so enforced up to that much late. Call
         * from the builder's thread.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder frameTimeout(Duration frameTimeout) {
            this.frameTimeout = positive(frameTimeout, "frameTimeout");
            return this;
        }

        /**
         * How long a link may have bytes queued that its socket will not take, with no write
         * progress at all; default 10 s. Any byte the peer takes restarts the clock, so a slow
         * reader keeps its link; a peer that stopped reading would otherwise pin up to
         * {@link #maxQueuedBytesPerLink} of memory forever. Its link is closed with a
         * {@link java.net.SocketTimeoutException} {@code peer stopped reading: ...}, after the
         * same 10 s an honest peer gets to finish a frame. Other links never wait for it: every
         * write is non-blocking. Checked like {@link #frameTimeout}. Call from the builder's
         * thread.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder writeStallTimeout(Duration writeStallTimeout) {
            this.writeStallTimeout = positive(writeStallTimeout, "writeStallTimeout");
            return this;
        }

        /**
         * The most links, inbound and outbound together, open at once; default 1,024. A mesh
         * node keeps a few dozen links, so the default is generous, yet it bounds file
         * descriptors and memory against a flood of idle connections: beyond it, a newly
         * accepted connection is closed at once (and counted) and a dial fails with
         * {@code too many open connections}. Keep the process's file limit ({@code ulimit -n})
         * above it. Call from the builder's thread.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be positive: "
                        + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /** Replaces {@code accept()}; for tests that simulate running out of file descriptors. */
        Builder acceptCall(Acceptor.Call acceptCall) {
            this.acceptCall = Objects.requireNonNull(acceptCall, "acceptCall");
            return this;
        }

        /** Replaces name resolution; for tests that must not depend on DNS. */
        Builder resolver(HostResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** A new, unstarted transport with these settings. Call from the builder's thread. */
        public TcpTransport build() {
            return new TcpTransport(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
