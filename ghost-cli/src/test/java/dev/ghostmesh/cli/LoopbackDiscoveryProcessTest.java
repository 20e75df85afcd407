package dev.ghostmesh.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes on one host, discovery on loopback only ({@code --discovery-interface lo}, the one
 * interface a test outside a namespace may beacon on), no {@code --connect}: they find each
 * other and chat. Other nodes discovering on this host's loopback at the same time may link to
 * them too; the test only asserts what alice and bob must see.
 */
class LoopbackDiscoveryProcessTest {
    @RegisterExtension
    final CliProcesses cli = new CliProcesses();

    /** Not waited for here: both JVMs start side by side. */
    private CliProcess start(String name) {
        return cli.launch(name, "--discovery-interface", "lo");
    }

    @Test
    void twoNodesOnLoopbackFindEachOtherWithoutConnectAndChat() {
        long start = System.nanoTime();
        CliProcess alice = start("alice");
        CliProcess bob = start("bob");
        alice.awaitReady().awaitLine("* LAN discovery on: UDP 239.255.77.77:6677 on lo;");
        alice.awaitLine("* connected to bob (127.0.0.1:");
        bob.awaitLine("* connected to alice (127.0.0.1:");
        long linked = (System.nanoTime() - start) / 1_000_000;
        alice.send("found you on lo");
        bob.awaitLine("<alice> found you on lo");
        bob.send("likewise");
        alice.awaitLine("<bob> likewise");
        System.out.printf("loopback discovery: 2 nodes linked %d ms after start, chatted after"
                + " %d ms%n", linked, (System.nanoTime() - start) / 1_000_000);
    }
}
