package dev.ghostmesh.transport.tcp;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket set-up helpers for {@link TcpTransport}, kept apart so the transport reads as policy.
 *
 * <p>Threading: stateless; callable from any thread.
 */
final class Sockets {
    private static final Logger log = LoggerFactory.getLogger(Sockets.class);

    private Sockets() {
    }

    /**
     * Opens a non-blocking listen socket.
     *
     * @throws IOException worded for users: {@code port 6666 is already in use}, or
     *     {@code cannot listen on <host>:<port>: <reason>}
     */
    static ServerSocketChannel listen(String bindAddress, int port, int backlog)
            throws IOException {
        InetAddress address;
        try {
            address = InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            UnknownHostException u = new UnknownHostException("cannot listen on "
                    + hostPort(bindAddress, port) + ": unknown host");
            u.initCause(e);
            throw u;
        }
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.configureBlocking(false);
            server.bind(new InetSocketAddress(address, port), backlog);
            return server;
        } catch (IOException e) {
            closeQuietly(server);
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            // The JDK says "Address already in use" (plus a suffix on some platforms).
            IOException r = m.toLowerCase(Locale.ROOT).contains("already in use")
                    ? new BindException("port " + port + " is already in use")
                    : new BindException("cannot listen on " + hostPort(bindAddress, port) + ": "
                            + m);
            r.initCause(e);
            throw r;
        }
    }

    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** A small bounded pool for blocking name lookups; idle threads go away. */
    static ExecutorService resolverPool(String name, int threads, int maxQueued) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(maxQueued), r -> {
                    Thread t = new Thread(r, name + "-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            log.debug("close failed: {}", e.toString());
        }
    }
}
