package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.PeerAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes inbound connections for the {@link IoLoop}, within two limits. Beyond the transport's
 * {@code maxConnections}, a new connection is closed at once (and counted), so a flood of idle
 * connections cannot use up file descriptors. When {@code accept()} itself fails (typically
 * "Too many open files"), accepting pauses for {@link #PAUSE_NANOS}: the pending connection
 * would otherwise keep the listen socket ready and the loop would spin on it, starving every
 * link. One warning is logged per burst of failures.
 *
 * <p>Threading: I/O thread only, except the counters, which any thread may read.
 */
final class Acceptor {
    /** How {@code accept()} is called; replaced in tests to simulate running out of files. */
    @FunctionalInterface
    interface Call {
        Call SYSTEM = ServerSocketChannel::accept;

        SocketChannel accept(ServerSocketChannel server) throws IOException;
    }

    static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Logger log = LoggerFactory.getLogger(Acceptor.class);
    // Bounds one wakeup's work, so a connection storm cannot hold up reads and writes.
    private static final int ACCEPTS_PER_WAKEUP = 64;

    private final IoLoop loop;
    private final ServerSocketChannel server;
    private final SelectionKey key;
    private final Call call;
    private final int maxConnections;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private boolean paused;
    private long resumeAt;
    private long failuresInBurst;

    Acceptor(IoLoop loop, ServerSocketChannel server, SelectionKey key, Call call,
            int maxConnections) {
        this.loop = loop;
        this.server = server;
        this.key = key;
        this.call = call;
        this.maxConnections = maxConnections;
    }

    /** Connections closed at once because {@code maxConnections} links were open. */
    long refused() {
        return refused.get();
    }

    /** Calls to {@code accept()} that failed. */
    long failed() {
        return failed.get();
    }

    /** Accepts what is pending, up to a bounded number per wakeup. */
    void onAcceptable() {
        for (int i = 0; i < ACCEPTS_PER_WAKEUP && !loop.isStopping(); i++) {
            SocketChannel ch;
            try {
                ch = call.accept(server);
            } catch (IOException e) {
                onAcceptFailed(e);
                return;
            }
            if (ch == null) {
                return;
            }
            endFailureBurst();
            if (loop.atConnectionLimit()) {
                refuse(ch);
            } else {
                open(ch);
            }
        }
    }

    private void open(SocketChannel ch) {
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            InetSocketAddress from = (InetSocketAddress) ch.getRemoteAddress();
            loop.open(ch, null, PeerAddress.tcp(from.getAddress().getHostAddress(),
                    from.getPort()), true);
        } catch (IOException e) {
            // This connection only (the peer reset it already, say): accepting goes on.
            log.debug("setting up an accepted connection failed: {}", e.toString());
            Sockets.closeQuietly(ch);
        }
    }

    private void refuse(SocketChannel ch) {
        refused.incrementAndGet();
        if (log.isDebugEnabled()) {
            log.debug("refused a connection from {}: {} links open, the limit",
                    remoteOf(ch), maxConnections);
        }
        try {
            // A reset instead of a FIN: no TIME_WAIT state is kept for a flood's connections.
            ch.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException e) {
            log.trace("SO_LINGER on a refused connection: {}", e.toString());
        }
        Sockets.closeQuietly(ch);
    }

    private void onAcceptFailed(IOException e) {
        failed.incrementAndGet();
        if (failuresInBurst++ == 0) {
            log.warn("accepting a connection failed: {}; retrying every {} ms until it works",
                    e.toString(), TimeUnit.NANOSECONDS.toMillis(PAUSE_NANOS));
        }
        if (key.isValid()) {
            key.interestOps(0);
        }
        paused = true;
        resumeAt = loop.nanoTime() + PAUSE_NANOS;
    }

    private void endFailureBurst() {
        if (failuresInBurst > 0) {
            log.info("accepting connections again after {} failed attempts", failuresInBurst);
            failuresInBurst = 0;
        }
    }

    /** Nanoseconds until a paused acceptor resumes, or Long.MAX_VALUE if it is not paused. */
    long nanosUntilResume(long now) {
        return paused ? resumeAt - now : Long.MAX_VALUE;
    }

    void checkResume(long now) {
        if (paused && now - resumeAt >= 0) {
            paused = false;
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }
    }

    private static Object remoteOf(SocketChannel ch) {
        try {
            return ch.getRemoteAddress();
        } catch (IOException e) {
            return "an unknown address";
        }
    }
}
