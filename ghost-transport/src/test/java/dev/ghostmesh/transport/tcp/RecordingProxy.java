package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.PeerAddress;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A wiretap: a TCP proxy on loopback that forwards each connection it accepts to one upstream
 * address and records every byte in both directions, as someone on the path would see them.
 *
 * <p>Threading: one accepting thread and two copying threads per connection, all daemons;
 * recordings may be read from any thread at any time.
 */
final class RecordingProxy implements Closeable {
    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final ByteArrayOutputStream toUpstream = new ByteArrayOutputStream();
    private final ByteArrayOutputStream fromUpstream = new ByteArrayOutputStream();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    private RecordingProxy(ServerSocket server, PeerAddress upstream) {
        this.server = server;
        this.upstream = new InetSocketAddress(upstream.host(), upstream.port());
    }

    /** Starts a proxy to {@code upstream} on an ephemeral loopback port. */
    static RecordingProxy start(PeerAddress upstream) throws IOException {
        ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        RecordingProxy proxy = new RecordingProxy(server, upstream);
        proxy.spawn("proxy-accept", proxy::acceptLoop);
        return proxy;
    }

    /** Where to dial to go through the proxy. */
    PeerAddress address() {
        return PeerAddress.tcp("127.0.0.1", server.getLocalPort());
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Every byte sent towards the upstream so far. */
    byte[] toUpstream() {
        synchronized (toUpstream) {
            return toUpstream.toByteArray();
        }
    }

    /** Every byte sent back by the upstream so far. */
    byte[] fromUpstream() {
        synchronized (fromUpstream) {
            return fromUpstream.toByteArray();
        }
    }

    /** The complete frames (4-byte big-endian length, then payload) in a recording. */
    static List<byte[]> frames(byte[] recording) {
        List<byte[]> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(recording);
        while (b.remaining() >= 4) {
            int length = b.getInt(b.position());
            if (length < 0 || b.remaining() - 4 < length) {
                break; // a frame still on its way when the recording was read
            }
            b.getInt();
            byte[] frame = new byte[length];
            b.get(frame);
            out.add(frame);
        }
        return out;
    }

    private void acceptLoop() {
        try {
            while (!server.isClosed()) {
                Socket client = track(server.accept());
                Socket up = track(new Socket(upstream.getAddress(), upstream.getPort()));
                connections.incrementAndGet();
                spawn("proxy-up", () -> pump(client, up, toUpstream));
                spawn("proxy-down", () -> pump(up, client, fromUpstream));
            }
        } catch (IOException closed) {
            // The proxy was closed (or the upstream refused): stop accepting.
        }
    }

    private static void pump(Socket from, Socket to, ByteArrayOutputStream record) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (record) {
                    record.write(buf, 0, n);
                }
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput(); // pass the end of stream on
        } catch (IOException closed) {
            // Either side went away, or the proxy was closed: this direction is done.
        }
    }

    private Socket track(Socket s) {
        sockets.add(s);
        return s;
    }

    private void spawn(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
        for (Thread t : threads) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
