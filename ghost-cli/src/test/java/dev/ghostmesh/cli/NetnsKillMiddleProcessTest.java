package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 the middle of a chain and the mesh heals itself.
 *
 * <p>The setup: two LAN segments, like two rooms joined by a router. alice is alone on the left
 * segment, carol alone on the right, and bob's host is on both and routes IPv4 between them
 * (alice's and carol's hosts have their default route through it). Discovery beacons are
 * multicast with TTL 1 and are not routed, so discovery alone gives the chain alice - bob -
 * carol: alice and carol never hear each other. Everyone runs with the defaults: discovery on,
 * no {@code --connect}.
 *
 * <p>The only way alice and carol can link directly is peer exchange: bob relays their
 * announcements (with their addresses), and a node with fewer links than its target (3) dials
 * nodes it knows from their announced addresses, through the router. Whether that happens
 * before or after bob dies is a race the test does not care about (it reports which); what it
 * asserts: after {@code kill -9} of bob's process (his host keeps routing), alice and carol
 * each show bob's disconnect within 15 s, and within 30 s they are linked and a broadcast from
 * alice reaches carol. Without peer exchange, or with a relay that lies about addresses, the
 * two halves stay apart and the test fails.
 */
class NetnsKillMiddleProcessTest {
    private static final Duration DISCONNECT_DEADLINE = Duration.ofSeconds(15);
    private static final Duration REFORM_DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private NetnsLab lab;

    @BeforeEach
    void buildTwoRooms() {
        String why = NetnsLab.unavailableReason();
        assumeTrue(why == null, why);
        lab = NetnsLab.create();
    }

    @AfterEach
    void removeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void killingTheMiddleOfAChainLeavesTheEndsLinkedAndChatting() {
        NetnsLab.Segment left = lab.segment();
        NetnsLab.Segment right = lab.segment();
        NetnsLab.Host hostA = lab.host("a", left);
        NetnsLab.Host hostB = lab.host("b", left, right);
        NetnsLab.Host hostC = lab.host("c", right);
        lab.route(hostA, hostB);
        lab.route(hostC, hostB);

        long start = System.nanoTime();
        CliProcess alice = lab.start(hostA, "alice", tmp.resolve("alice"), "--username",
                "alice");
        CliProcess bob = lab.start(hostB, "bob", tmp.resolve("bob"), "--username", "bob");
        CliProcess carol = lab.start(hostC, "carol", tmp.resolve("carol"), "--username",
                "carol");
        alice.awaitLine("* connected to bob (" + hostB.ip(left) + ":");
        carol.awaitLine("* connected to bob (" + hostB.ip(right) + ":");
        NetnsMeshProcessTest.awaitKnows(alice, "carol", CliProcess.TIMEOUT);
        NetnsMeshProcessTest.awaitKnows(carol, "alice", CliProcess.TIMEOUT);
        long chain = (System.nanoTime() - start) / 1_000_000;
        // Discovery never links the ends: their first link is bob.
        assertTrue(alice.lines(0, l -> l.startsWith("* connected to ")).get(0)
                .startsWith("* connected to bob ("), alice::transcript);
        boolean linkedBefore = !alice.lines(0, l -> l.startsWith("* connected to carol ("))
                .isEmpty();

        int a = alice.mark();
        int c = carol.mark();
        bob.close(); // SIGKILL: no goodbye; his host's kernel resets the connections
        long killed = System.nanoTime();
        alice.awaitLine(a, l -> l.startsWith("* bob disconnected ("), "bob's disconnect",
                DISCONNECT_DEADLINE);
        long aliceNoticed = (System.nanoTime() - killed) / 1_000_000;
        carol.awaitLine(c, l -> l.startsWith("* bob disconnected ("), "bob's disconnect",
                left(killed, DISCONNECT_DEADLINE));
        long carolNoticed = (System.nanoTime() - killed) / 1_000_000;

        alice.awaitLine(0, l -> l.startsWith("* connected to carol (" + hostC.ip() + ":"),
                "a direct link to carol", left(killed, REFORM_DEADLINE));
        // Chat resumes; repeat the line until it passes, since a broadcast sent in the instant
        // between bob's death and the new link would reach nobody.
        int tries = 0;
        int mc = carol.mark();
        while (carol.lines(mc, l -> l.startsWith("<alice> after bob ")).isEmpty()) {
            assertTrue(System.nanoTime() < killed + REFORM_DEADLINE.toNanos(),
                    () -> "alice's broadcasts never reached carol\n" + lab.transcripts());
            alice.send("after bob " + ++tries);
            carol.awaitOutput(Duration.ofMillis(500));
        }
        long reformed = (System.nanoTime() - killed) / 1_000_000;
        System.out.printf("kill -9 of the middle: chain formed %d ms after start (alice-carol"
                + " linked by peer exchange %s the kill); disconnect shown by alice after %d ms,"
                + " by carol after %d ms; alice's broadcast reached carol %d ms after the kill"
                + " (%d tries)%n", chain, linkedBefore ? "before" : "after", aliceNoticed,
                carolNoticed, reformed, tries);
        List<String> peers = alice.run("/peers");
        assertTrue(peers.stream().anyMatch(l -> l.startsWith("*   carol#")), peers::toString);
    }

    private static Duration left(long startNanos, Duration budget) {
        return Duration.ofNanos(Math.max(1_000_000, startNanos + budget.toNanos()
                - System.nanoTime()));
    }
}
