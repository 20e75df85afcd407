package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --connect} to a service that is not a ghost-terminal node (here an SSH daemon's banner
 * and a web server's 400) prints one line saying so, naming the address, and nothing about
 * frames or length prefixes; the JSON mode reports the same in {@code connect_failed}.
 */
class ForeignServiceProcessTest {
    @RegisterExtension
    final CliProcesses cli = new CliProcesses();

    @Test
    void connectingToAnSshServerSaysItIsNotANode() throws IOException {
        String where = serve("SSH-2.0-OpenSSH_9.2\r\n", false);
        CliProcess alice = cli.start("alice", "--connect", where);
        String line = alice.awaitLine("error: ");
        assertEquals("error: " + where + " is not a ghost-terminal node (retrying; /disconnect "
                + where + " stops it)", line);
        assertEquals(List.of(line), alice.lines(0, l -> l.startsWith("error")), alice::transcript);
        assertTrue(alice.stderr().isEmpty(), alice::transcript);
        assertTrue(alice.run("/peers").stream().anyMatch(l -> l.startsWith("*   " + where
                + "  connecting (") && l.endsWith(": " + where + " is not a ghost-terminal node)")
                || l.equals("*   " + where + "  connecting (dialing now)")), alice::transcript);
    }

    @Test
    void jsonModeReportsAWebServerAsNotANode() throws IOException {
        String where = serve("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n", true);
        JsonClient bot = cli.json("bot", "--connect", where);
        Map<String, Object> failed = bot.await("connect_failed", o -> true);
        assertEquals(where, failed.get("address"));
        assertEquals(where + " is not a ghost-terminal node", failed.get("reason"));
    }

    /**
     * A loopback service answering every connection with {@code greeting}: before reading (as
     * SSH does), or after the client's first bytes, then closing (as a web server does).
     */
    private String serve(String greeting, boolean afterRequest) throws IOException {
        ServerSocket server = cli.closeAfter(new ServerSocket());
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(() -> {
            while (true) {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    if (afterRequest) {
                        in.read(new byte[512]);
                    }
                    out.write(greeting.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    if (!afterRequest) {
                        in.readAllBytes(); // until the node hangs up
                    }
                } catch (IOException e) {
                    if (server.isClosed()) {
                        return;
                    }
                    // a connection the node reset: the next dial gets a fresh one
                }
            }
        }, "foreign-service");
        t.setDaemon(true);
        t.start();
        return "127.0.0.1:" + server.getLocalPort();
    }
}
