package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /nodes} and {@code /whois} follow a link the moment it closes: after
 * {@code /disconnect}, a node still reachable through another peer shows that route, and one
 * reachable through nobody shows as unreachable, within seconds, long before the 30 s announce
 * or the 90 s silence expiry could change anything.
 */
class RouteProcessTest {
    /** Far below the announce interval (30 s) and the silence expiry (90 s). */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @RegisterExtension
    final CliProcesses cli = new CliProcesses();

    @Test
    void disconnectMovesNodesToTheirNextRouteOrToUnreachableAtOnce() {
        CliProcess bob = cli.start("bob");
        CliProcess carol = cli.start("carol", "--connect", "127.0.0.1:" + bob.port());
        carol.awaitLine("* connected to bob");
        CliProcess alice = cli.start("alice", "--connect", "127.0.0.1:" + bob.port(),
                "--connect", "127.0.0.1:" + carol.port());
        String bobLabel = "bob#" + bob.id().substring(0, 8);
        String carolLabel = "carol#" + carol.id().substring(0, 8);
        awaitNodes(alice, l -> l.startsWith("* " + bobLabel + "  direct  "), "bob direct");
        awaitNodes(alice, l -> l.startsWith("* " + carolLabel + "  direct  "), "carol direct");
        // A broadcast from carol crosses her link after her copy of bob's announce.
        carol.send("ready");
        alice.awaitLine("<carol> ready");

        assertEquals(List.of("* disconnected from bob"), alice.run("/disconnect bob"));
        awaitNodes(alice, l -> l.startsWith("* " + bobLabel + "  2 hops via " + carolLabel
                + "  seen "), "bob 2 hops via carol");
        assertTrue(alice.run("/whois bob").contains("*   reached: 2 hops via " + carolLabel),
                alice::transcript);

        assertEquals(List.of("* disconnected from carol"), alice.run("/disconnect carol"));
        List<String> nodes = awaitNodes(alice, l -> l.startsWith("* " + carolLabel
                + "  unreachable  seen "), "carol unreachable");
        assertTrue(nodes.stream().anyMatch(l -> l.startsWith("* " + bobLabel
                + "  unreachable  seen ")), () -> "bob unreachable too: " + nodes);
        assertTrue(alice.run("/whois bob")
                .contains("*   reached: unreachable (no link leads to it now)"),
                alice::transcript);
        assertTrue(alice.stdout().stream().noneMatch(l -> l.contains("left the mesh")),
                () -> "known until forgotten for silence: " + alice.transcript());
    }

    /** Runs /nodes until a line matches (the directory changes on the node thread). */
    private static List<String> awaitNodes(CliProcess p, Predicate<String> line, String what) {
        long deadline = System.nanoTime() + PROMPTLY.toNanos();
        while (true) {
            List<String> nodes = p.run("/nodes");
            if (nodes.stream().anyMatch(line)) {
                return nodes;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no /nodes line for " + what + " within " + PROMPTLY
                        + ": " + nodes + "\n" + p.transcript());
            }
            p.awaitOutput(Duration.ofMillis(100));
        }
    }
}
