package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.IoHandler;
import dev.ghostmesh.spi.MeshClock;
import dev.ghostmesh.spi.TransportContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O of one {@link TcpTransport}, run on the node's loop: its channels are registered with
 * the selector of the node's loop thread ({@link TransportContext#register}), so a frame is
 * read, handed to the node, handled, relayed and written on one thread, with no hand-off; and
 * every {@link TransportContext} call is made there, so per-link events are ordered without
 * locks. Deadlines (dials, frame completion, write stalls, close flushes, the acceptor's pause)
 * are checked after each piece of work and by one timer on the node's clock, armed for the
 * nearest of them; per-link deadlines by one periodic sweep rather than a timer each.
 *
 * <p>Threading: {@link #execute}, {@link #requestFlush}, {@link #wakeup}, {@link #stop} and
 * {@link #forceClose} may be called from any thread; everything else runs on the node's loop.
 */
final class IoLoop {
    private static final Logger log = LoggerFactory.getLogger(IoLoop.class);
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    // Frames are copied into one direct buffer so a single write call carries many of them and
    // the JDK does not allocate a temporary direct buffer per heap buffer.
    private static final int WRITE_BUFFER_BYTES = 256 * 1024;

    private final String name;
    private final ServerSocketChannel server;
    private final TransportContext context;
    private final MeshClock clock;
    private final int maxFrameSize;
    private final TcpSettings settings;
    private final long sweepNanos;
    private final Dialer dialer;
    private final Acceptor.Call acceptCall;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES);
    /** Concurrent only so that {@link #forceClose} may walk it from another thread. */
    private final Set<TcpLink> links = ConcurrentHashMap.newKeySet();
    private final List<TcpLink> closing = new ArrayList<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile Acceptor acceptor;
    private boolean stopping;
    private long nextSweep;
    /** Cancels the deadline timer; null when none is armed. */
    private Runnable deadlineTimer;
    private long deadlineArmedFor;

    IoLoop(String name, ServerSocketChannel server, TransportContext context,
            TcpSettings settings, HostResolver resolver, ExecutorService resolverPool,
            Acceptor.Call acceptCall) {
        this.name = name;
        this.server = server;
        this.context = context;
        this.clock = context.clock();
        this.maxFrameSize = context.maxFrameSize();
        this.settings = settings;
        this.sweepNanos = settings.sweepNanos();
        this.acceptCall = acceptCall;
        this.dialer = new Dialer(this, resolver, resolverPool,
                settings.connectTimeout().toNanos());
        this.nextSweep = clock.nanoTime();
    }

    TransportContext context() {
        return context;
    }

    Dialer dialer() {
        return dialer;
    }

    /** The node's monotonic clock, for the deadlines of links, dials and the acceptor. */
    long nanoTime() {
        return clock.nanoTime();
    }

    int maxFrameSize() {
        return maxFrameSize;
    }

    TcpSettings settings() {
        return settings;
    }

    /** Null until the listen socket is registered on the loop. */
    Acceptor acceptor() {
        return acceptor;
    }

    boolean isStopping() {
        return stopping;
    }

    /** Completes once every link is closed and the listen socket with them. */
    CompletableFuture<Void> terminated() {
        return terminated;
    }

    /**
     * True when no further link may open without exceeding {@code maxConnections}. Links that
     * are closing count too: each still holds a socket.
     */
    boolean atConnectionLimit() {
        return links.size() >= settings.maxConnections();
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    ByteBuffer writeBuffer() {
        return writeBuffer;
    }

    /** Registers the listen socket on the node's loop; accepting starts there. Any thread. */
    void start() {
        execute(() -> {
            SelectionKey key = context.register(server, SelectionKey.OP_ACCEPT, k -> {
                Acceptor a = acceptor;
                a.onAcceptable();
                afterWork();
            });
            acceptor = new Acceptor(this, server, key, acceptCall, settings.maxConnections());
        });
    }

    /** Registers {@code channel} on the node's loop with {@code handler}. Loop only. */
    SelectionKey register(SelectableChannel channel, int ops, IoHandler handler)
            throws IOException {
        return context.register(channel, ops, handler);
    }

    /** Runs {@code task} on the node's loop soon, then checks deadlines. Any thread. */
    void execute(IoTask task) {
        context.execute(() -> {
            try {
                task.run();
            } catch (IOException | RuntimeException e) {
                log.error("TCP I/O task of {} failed", name, e);
            }
            afterWork();
        });
    }

    /** A task that may fail with an I/O error, logged by {@link #execute}. */
    @FunctionalInterface
    interface IoTask {
        void run() throws IOException;
    }

    /** Asks the loop to write {@code link}'s queue. Any thread. */
    void requestFlush(TcpLink link) {
        execute(link::onFlushRequested);
    }

    /** A deadline was added from another thread (a dial): look at the deadlines again. */
    void wakeup() {
        execute(() -> { });
    }

    /** Stops accepting and dialing, closes every link gracefully, then terminates. */
    void stop() {
        execute(() -> {
            stopping = true;
            Sockets.closeQuietly(server);
            dialer.failAll(new IOException("transport closed"));
            for (TcpLink link : new ArrayList<>(links)) {
                link.beginClose();
            }
        });
    }

    /**
     * The node's loop did not finish {@link #stop} in time (it is stopping, or its host no
     * longer polls it): closes the sockets from this thread, without the callbacks, so none is
     * left open. Any thread.
     */
    void forceClose() {
        Sockets.closeQuietly(server);
        for (TcpLink link : links) {
            link.closeChannelQuietly();
        }
        dialer.closeChannelsQuietly();
        terminated.complete(null);
    }

    /** The handler of a link's key: its I/O, guarded so a bug costs only that link. */
    private IoHandler handler(TcpLink link) {
        return key -> {
            try {
                link.onReady(key);
            } catch (RuntimeException e) {
                log.error("unexpected failure handling {}", link, e);
                link.closeNow(new IOException("internal error: " + e, e));
            }
            afterWork();
        };
    }

    /** Turns a connected channel into a registered link and raises onLinkUp. Loop only. */
    TcpLink open(SocketChannel ch, SelectionKey key, PeerAddress remote, boolean inbound)
            throws IOException {
        TcpLink link = new TcpLink(this, ch, remote, inbound);
        if (key == null) {
            key = context.register(ch, SelectionKey.OP_READ, handler(link));
        } else {
            key.interestOps(SelectionKey.OP_READ);
            key.attach(handler(link));
        }
        link.attach(key);
        links.add(link);
        log.debug("link up: {}", link);
        try {
            context.onLinkUp(link);
        } catch (RuntimeException e) {
            log.error("onLinkUp failed for {}", link, e);
        }
        return link;
    }

    void onFrame(TcpLink link, byte[] frame) {
        try {
            context.onFrame(link, frame);
        } catch (RuntimeException e) {
            log.error("onFrame failed for {}", link, e);
        }
    }

    void onClosing(TcpLink link) {
        closing.add(link);
    }

    void onClosed(TcpLink link, Throwable cause) {
        links.remove(link);
        closing.remove(link);
        if (cause == null) {
            log.debug("link down: {}", link);
        } else {
            log.debug("link down: {}: {}", link, cause.toString());
        }
        try {
            context.onLinkDown(link, cause);
        } catch (RuntimeException e) {
            log.error("onLinkDown failed for {}", link, e);
        }
    }

    /**
     * After each piece of work on the loop: deadlines now due are acted on, a stopped transport
     * whose links are all closed terminates, and the timer is armed for the nearest deadline.
     */
    void afterWork() {
        if (terminated.isDone()) {
            return;
        }
        checkDeadlines();
        if (stopping && links.isEmpty()) {
            terminate();
            return;
        }
        armDeadlineTimer();
    }

    private void armDeadlineTimer() {
        long now = clock.nanoTime();
        long wait = nanosUntilNextDeadline(now);
        if (wait == Long.MAX_VALUE) {
            return;
        }
        long due = now + Math.max(0, wait);
        if (deadlineTimer != null && due - deadlineArmedFor >= 0) {
            return; // the timer already set fires first; it re-arms for the rest
        }
        if (deadlineTimer != null) {
            deadlineTimer.run();
        }
        deadlineArmedFor = due;
        deadlineTimer = context.schedule(() -> {
            deadlineTimer = null;
            afterWork();
        }, Duration.ofNanos(Math.max(0, wait)));
    }

    private long nanosUntilNextDeadline(long now) {
        long wait = dialer.nanosUntilNextDeadline(now);
        for (TcpLink link : closing) {
            wait = Math.min(wait, link.closeDeadline() - now);
        }
        if (!links.isEmpty()) {
            wait = Math.min(wait, nextSweep - now); // an idle transport sets no timer at all
        }
        Acceptor a = acceptor;
        return a == null ? wait : Math.min(wait, a.nanosUntilResume(now));
    }

    private void checkDeadlines() {
        long now = clock.nanoTime();
        dialer.checkDeadlines(now);
        Acceptor a = acceptor;
        if (a != null) {
            a.checkResume(now);
        }
        if (!closing.isEmpty()) {
            for (TcpLink link : new ArrayList<>(closing)) {
                link.checkDeadline(now);
            }
        }
        if (!links.isEmpty() && now - nextSweep >= 0) {
            nextSweep = now + sweepNanos;
            // One pass over every link instead of a timer per link: at most maxConnections
            // cheap checks, about once a second.
            for (TcpLink link : new ArrayList<>(links)) {
                link.checkTimeouts(now);
            }
        }
    }

    private void terminate() {
        Sockets.closeQuietly(server);
        if (deadlineTimer != null) {
            deadlineTimer.run();
            deadlineTimer = null;
        }
        terminated.complete(null);
        log.debug("{} stopped", name);
    }

    @Override
    public String toString() {
        return name;
    }
}
