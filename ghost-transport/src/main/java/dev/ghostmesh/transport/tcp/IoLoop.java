package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.spi.PeerAddress;
import dev.ghostmesh.spi.MeshClock;
import dev.ghostmesh.spi.TransportContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single selector thread of one {@link TcpTransport}: accepts, connects, reads and writes
 * for every link, and makes every {@link TransportContext} call, so per-link events are ordered
 * without locks. Per-link deadlines (frame completion, write stall) are checked by one periodic
 * sweep over the links rather than a timer each.
 *
 * <p>Threading: {@link #execute}, {@link #requestFlush}, {@link #wakeup} and {@link #stop} may be
 * called from any thread and hand work over through lock-free queues; everything else runs on
 * the loop thread only.
 */
final class IoLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(IoLoop.class);
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    // Frames are copied into one direct buffer so a single write call carries many of them and
    // the JDK does not allocate a temporary direct buffer per heap buffer.
    private static final int WRITE_BUFFER_BYTES = 256 * 1024;

    private final Selector selector;
    private final ServerSocketChannel server;
    private final TransportContext context;
    private final MeshClock clock;
    private final int maxFrameSize;
    private final TcpSettings settings;
    private final long sweepNanos;
    private final Dialer dialer;
    private final Acceptor acceptor;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<TcpLink> flushes = new ConcurrentLinkedQueue<>();
    /** Set once a wakeup was sent and the loop has not yet looked at its queues. */
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES);
    private final Set<TcpLink> links = new HashSet<>();
    private final List<TcpLink> closing = new ArrayList<>();
    private boolean stopping;
    private long nextSweep;

    IoLoop(String name, Selector selector, ServerSocketChannel server, TransportContext context,
            TcpSettings settings, HostResolver resolver, ExecutorService resolverPool,
            Acceptor.Call acceptCall) {
        this.selector = selector;
        this.server = server;
        this.context = context;
        this.clock = context.clock();
        this.maxFrameSize = context.maxFrameSize();
        this.settings = settings;
        this.sweepNanos = settings.sweepNanos();
        this.dialer = new Dialer(this, resolver, resolverPool,
                settings.connectTimeout().toNanos());
        this.acceptor = new Acceptor(this, server, server.keyFor(selector), acceptCall,
                settings.maxConnections());
        this.nextSweep = clock.nanoTime();
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    Thread thread() {
        return thread;
    }

    Dialer dialer() {
        return dialer;
    }

    Selector selector() {
        return selector;
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

    Acceptor acceptor() {
        return acceptor;
    }

    boolean isStopping() {
        return stopping;
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

    void start() {
        thread.start();
    }

    /** Runs {@code task} on the loop thread soon. Any thread. */
    void execute(Runnable task) {
        tasks.add(task);
        wakeup();
    }

    /** Asks the loop to write {@code link}'s queue. Any thread. */
    void requestFlush(TcpLink link) {
        flushes.add(link);
        wakeup();
    }

    /** Interrupts a blocking select, at most once per loop pass. Any thread. */
    void wakeup() {
        if (Thread.currentThread() != thread && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Stops accepting and dialing, closes every link gracefully, then ends the thread. */
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

    @Override
    public void run() {
        Throwable failure = null;
        try {
            while (!stopping || !links.isEmpty()) {
                select();
                // Cleared before the queues are read: a producer that finds it set knows the
                // loop will still look at what it just queued.
                wakeupPending.set(false);
                runTasks();
                runFlushes();
                checkDeadlines();
            }
        } catch (Throwable t) {
            failure = t;
            log.error("TCP I/O loop {} failed; closing every link", thread.getName(), t);
        } finally {
            terminate(failure);
        }
    }

    private void select() throws IOException {
        long timeout = millisUntilNextDeadline();
        if (timeout == 0 || !tasks.isEmpty() || !flushes.isEmpty()) {
            selector.selectNow(this::onReady);
        } else {
            selector.select(this::onReady, timeout < 0 ? 0 : timeout); // 0 = no deadline
        }
    }

    private long millisUntilNextDeadline() {
        long now = clock.nanoTime();
        long wait = dialer.nanosUntilNextDeadline(now);
        for (TcpLink link : closing) {
            wait = Math.min(wait, link.closeDeadline() - now);
        }
        if (!links.isEmpty()) {
            wait = Math.min(wait, nextSweep - now); // an idle transport does not wake at all
        }
        wait = Math.min(wait, acceptor.nanosUntilResume(now));
        if (wait == Long.MAX_VALUE) {
            return -1;
        }
        // Rounded up, so the loop does not wake a fraction early and spin until the deadline.
        return wait <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999));
    }

    private void onReady(SelectionKey key) {
        Object attachment = key.attachment();
        try {
            if (!key.isValid()) {
                return;
            }
            if (attachment instanceof TcpLink link) {
                link.onReady(key);
            } else if (attachment instanceof Dial dial) {
                dialer.onConnectable(dial);
            } else if (key.isAcceptable()) {
                acceptor.onAcceptable();
            }
        } catch (RuntimeException e) {
            // A bug must cost at most the one link, never the loop and every other link.
            log.error("unexpected failure handling {}", attachment, e);
            if (attachment instanceof TcpLink link) {
                link.closeNow(new IOException("internal error: " + e, e));
            }
        }
    }

    /** Turns a connected channel into a registered link and raises onLinkUp. */
    TcpLink open(SocketChannel ch, SelectionKey key, PeerAddress remote, boolean inbound)
            throws IOException {
        TcpLink link = new TcpLink(this, ch, remote, inbound);
        if (key == null) {
            key = ch.register(selector, SelectionKey.OP_READ, link);
        } else {
            key.interestOps(SelectionKey.OP_READ);
            key.attach(link);
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

    private void runTasks() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("TCP I/O task failed", e);
            }
        }
    }

    private void runFlushes() {
        for (TcpLink link = flushes.poll(); link != null; link = flushes.poll()) {
            link.onFlushRequested();
        }
    }

    private void checkDeadlines() {
        long now = clock.nanoTime();
        dialer.checkDeadlines(now);
        acceptor.checkResume(now);
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

    private void terminate(Throwable failure) {
        IOException cause = failure == null ? new IOException("transport closed")
                : new IOException("transport I/O failed: " + failure, failure);
        stopping = true;
        dialer.failAll(cause);
        for (TcpLink link : new ArrayList<>(links)) {
            link.closeNow(cause);
        }
        Sockets.closeQuietly(server);
        Sockets.closeQuietly(selector);
        log.debug("{} stopped", thread.getName());
    }
}
