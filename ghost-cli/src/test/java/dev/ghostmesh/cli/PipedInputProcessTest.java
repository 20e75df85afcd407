package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lines piped into the CLI before its first link is up ({@code printf 'hello\n' |
 * ghost-terminal --connect ...}) are sent once the link is up, and end of input waits for
 * them (bounded); what could not be sent is said per line. Real processes, real pipes.
 */
class PipedInputProcessTest {
    @RegisterExtension
    final CliProcesses cli = new CliProcesses();

    @Test
    void aLinePipedBeforeTheLinkIsUpReachesThePeerAndTheCliThenExits() {
        CliProcess receiver = cli.start("receiver");
        CliProcess piper = cli.launch("piper", "--connect", "127.0.0.1:" + receiver.port());
        // As printf | ghost-terminal: all input is there, and ends, before the node even runs.
        piper.sendRaw("hello\nand goodbye\n");
        piper.closeStdin();
        receiver.awaitLine("<piper> hello");
        receiver.awaitLine("<piper> and goodbye");
        assertEquals(0, piper.awaitExit(Duration.ofSeconds(15)), piper::transcript);
        List<String> out = piper.stdout();
        assertTrue(out.stream().noneMatch(l -> l.startsWith("error:")), piper::transcript);
        // Our echo is printed when the line really went out, after the link.
        assertTrue(out.indexOf("<piper> hello") > indexOf(out, "* connected to receiver"),
                piper::transcript);
        receiver.awaitLine("* piper left the mesh (said goodbye)");
    }

    @Test
    void aLoneNodeSaysAtOnceWhatItCouldNotSend() {
        CliProcess lone = cli.launch("lone");
        lone.sendRaw("one\n/group nowhere x\ntwo\n");
        lone.closeStdin();
        assertEquals(0, lone.awaitExit(Duration.ofSeconds(10)), lone::transcript);
        List<String> out = lone.stdout();
        assertTrue(out.contains("* no peers: not delivered to anyone yet; queued until a peer"
                + " links (1 line waiting)"), lone::transcript);
        assertTrue(out.contains("error: not sent (no peer, and none can link (--no-discovery"
                + " without --connect)): one"), lone::transcript);
        assertTrue(out.contains("error: not sent (no peer, and none can link (--no-discovery"
                + " without --connect)): two"), lone::transcript);
        // A group we are not in is refused at once, never held.
        assertTrue(out.stream().anyMatch(l -> l.startsWith("error: unknown group 'nowhere'")),
                lone::transcript);
        assertTrue(out.stream().noneMatch(l -> l.startsWith("<lone>")), lone::transcript);
    }

    @Test
    void endOfInputWaitsBoundedForAPeerThatNeverComes() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // nobody listens here once it is closed
        }
        CliProcess waiting = cli.start("waiting", "--connect", "127.0.0.1:" + closedPort);
        waiting.sendRaw("into the void\n");
        waiting.closeStdin();
        waiting.awaitLine("* waiting up to 10 s for a peer to send 1 queued line");
        long t0 = System.nanoTime();
        assertEquals(0, waiting.awaitExit(Duration.ofSeconds(25)), waiting::transcript);
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(waitedMs >= 9_000, "gave up after " + waitedMs + " ms");
        assertTrue(waiting.stdout().contains(
                "error: not sent (no peer linked within 10 s): into the void"),
                waiting::transcript);
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }
}
