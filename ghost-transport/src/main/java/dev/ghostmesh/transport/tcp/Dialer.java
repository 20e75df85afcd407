package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.Link;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Outbound connects: the host name is resolved on a small bounded pool (a slow DNS server must
 * never stall the selector), then the non-blocking connect runs on the I/O thread. One deadline
 * covers both steps, checked by the I/O loop. Dials count against the transport's
 * {@code maxConnections}: with that many links open, a dial fails rather than open a socket.
 *
 * <p>Threading: {@link #dial} and {@link #failAll} from any thread; the rest on the I/O thread.
 */
final class Dialer {
    private final IoLoop loop;
    private final HostResolver resolver;
    private final ExecutorService resolverPool;
    private final long timeoutNanos;
    private final Set<Dial> dials = ConcurrentHashMap.newKeySet();
    private volatile IOException closedCause;

    Dialer(IoLoop loop, HostResolver resolver, ExecutorService resolverPool, long timeoutNanos) {
        this.loop = loop;
        this.resolver = resolver;
        this.resolverPool = resolverPool;
        this.timeoutNanos = timeoutNanos;
    }

    CompletableFuture<Link> dial(PeerAddress address) {
        Dial d = new Dial(address, loop.nanoTime() + timeoutNanos);
        dials.add(d);
        // Re-checked after adding: failAll sets the cause before sweeping the set.
        IOException closed = closedCause;
        if (closed != null) {
            fail(d, closed);
            return d.future;
        }
        try {
            resolverPool.execute(() -> resolve(d));
        } catch (RejectedExecutionException e) {
            IOException cause = closedCause;
            fail(d, cause != null ? cause : new IOException("too many dials in progress"));
            return d.future;
        }
        loop.wakeup(); // the selector must learn about the new deadline
        return d.future;
    }

    private void resolve(Dial d) {
        if (d.future.isDone()) {
            dials.remove(d);
            return;
        }
        String host = d.address.host();
        InetAddress address;
        try {
            address = resolver.resolve(host);
        } catch (UnknownHostException e) {
            UnknownHostException u = new UnknownHostException("unknown host " + host);
            u.initCause(e);
            fail(d, u);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(d, new IOException("transport closed"));
            return;
        } catch (RuntimeException e) {
            fail(d, new IOException("cannot resolve " + host + ": " + e, e));
            return;
        }
        InetSocketAddress target = new InetSocketAddress(address, d.address.port());
        loop.execute(() -> connect(d, target));
        IOException closed = closedCause;
        if (closed != null) {
            fail(d, closed); // the loop may have stopped and will never run the task
        }
    }

    private void connect(Dial d, InetSocketAddress target) {
        IOException closed = closedCause;
        if (closed != null) {
            fail(d, closed);
            return;
        }
        if (d.future.isDone()) {
            dials.remove(d); // timed out or cancelled while resolving
            return;
        }
        if (loop.atConnectionLimit()) {
            fail(d, tooManyConnections());
            return;
        }
        try {
            SocketChannel ch = SocketChannel.open();
            d.channel = ch;
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (ch.connect(target)) {
                connected(d);
            } else {
                d.key = loop.register(ch, SelectionKey.OP_CONNECT, k -> {
                    onConnectable(d);
                    loop.afterWork();
                });
            }
        } catch (IOException e) {
            fail(d, describe(e));
        }
    }

    void onConnectable(Dial d) {
        try {
            if (!d.channel.finishConnect()) {
                return;
            }
        } catch (IOException e) {
            fail(d, describe(e));
            return;
        }
        connected(d);
    }

    private void connected(Dial d) {
        dials.remove(d);
        if (d.future.isDone()) {
            Sockets.closeQuietly(d.channel); // the caller cancelled: never raise onLinkUp
            return;
        }
        if (loop.atConnectionLimit()) { // inbound links took the room while we connected
            fail(d, tooManyConnections());
            return;
        }
        TcpLink link;
        try {
            link = loop.open(d.channel, d.key, d.address, false);
        } catch (IOException e) {
            fail(d, describe(e));
            return;
        }
        if (!d.future.complete(link)) {
            link.close(); // cancelled during onLinkUp; the core still gets its onLinkDown
        }
    }

    /** Nanoseconds until the nearest dial deadline, or Long.MAX_VALUE if none. */
    long nanosUntilNextDeadline(long now) {
        long wait = Long.MAX_VALUE;
        for (Dial d : dials) {
            wait = Math.min(wait, d.deadline - now);
        }
        return wait;
    }

    void checkDeadlines(long now) {
        for (Dial d : dials) {
            if (now - d.deadline >= 0) {
                fail(d, new SocketTimeoutException("connect timed out after "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
            }
        }
    }

    /** Fails every pending and future dial with {@code cause}. */
    /** Closes the sockets of dials under way, with no callback (the node is gone). */
    void closeChannelsQuietly() {
        for (Dial d : dials) {
            if (d.channel != null) {
                Sockets.closeQuietly(d.channel);
            }
        }
    }

    void failAll(IOException cause) {
        closedCause = cause;
        for (Dial d : dials) {
            fail(d, cause);
        }
    }

    private void fail(Dial d, IOException cause) {
        dials.remove(d);
        Sockets.closeQuietly(d.channel);
        d.future.completeExceptionally(cause);
    }

    private IOException tooManyConnections() {
        return new IOException("too many open connections (limit "
                + loop.settings().maxConnections() + ")");
    }

    /** Rewords the JDK's connect errors into the lower-case phrases the core shows users. */
    static IOException describe(IOException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        m = Character.toLowerCase(m.charAt(0)) + m.substring(1);
        IOException r;
        if (e instanceof ConnectException) {
            r = new ConnectException(m.toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused" : m);
        } else if (e instanceof NoRouteToHostException) {
            r = new NoRouteToHostException(m);
        } else {
            return new IOException(m, e);
        }
        r.initCause(e);
        return r;
    }
}
