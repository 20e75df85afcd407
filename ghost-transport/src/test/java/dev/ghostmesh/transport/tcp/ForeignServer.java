package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.PeerAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback service that is not a ghost-terminal node (an HTTP server, an SSH daemon, one that
 * says nothing): each connection it accepts gets {@link Script#serve}, on its own daemon thread.
 * What a script throws is kept and makes {@link #close} fail, so a broken fake cannot pass a test.
 *
 * <p>Threading: {@link #address} and {@link #close} from the test thread; scripts run on the
 * server's threads.
 */
final class ForeignServer implements AutoCloseable {
    /** What the service does with one accepted connection. */
    interface Script {
        void serve(Socket s) throws IOException;
    }

    /** Answers whatever it gets with an HTTP 400, as web servers do to a binary client. */
    static final Script HTTP = s -> {
        s.getInputStream().read(new byte[512]); // our handshake's first bytes
        s.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 11\r\nConnection: close\r\n\r\nBad Request").getBytes());
        s.getOutputStream().flush();
        s.close();
    };
    /** Greets with its version banner first, as SSH servers do, then waits. */
    static final Script SSH = s -> {
        s.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes());
        s.getOutputStream().flush();
        drain(s);
    };
    /** Accepts and never says a word. */
    static final Script SILENT = ForeignServer::drain;

    private final ServerSocket server;
    private final List<Throwable> failures = new ArrayList<>();
    private final List<Socket> accepted = new ArrayList<>();

    ForeignServer(Script script) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(() -> acceptLoop(script), "foreign-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    PeerAddress address() {
        return PeerAddress.tcp("127.0.0.1", server.getLocalPort());
    }

    private void acceptLoop(Script script) {
        while (true) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException closed) {
                return;
            }
            synchronized (this) {
                accepted.add(s);
            }
            Thread t = new Thread(() -> {
                try {
                    script.serve(s);
                } catch (SocketException gone) {
                    // the node closed its end first: the script's business is over
                } catch (IOException | RuntimeException e) {
                    synchronized (this) {
                        failures.add(e);
                    }
                }
            }, "foreign-connection");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Reads until the node closes its end. */
    private static void drain(Socket s) throws IOException {
        byte[] buf = new byte[512];
        while (s.getInputStream().read(buf) >= 0) {
            // discard: a foreign service does not understand a word
        }
    }

    @Override
    public synchronized void close() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("the fake service failed: " + failures);
        }
    }
}
