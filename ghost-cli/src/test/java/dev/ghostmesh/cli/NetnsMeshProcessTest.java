package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three hosts on one LAN, each a network namespace of a {@link NetnsLab} on one bridge, each
 * running ghost-terminal with the defaults a user gets: discovery on every interface (in a
 * namespace: lo and its veth), port 6666, no {@code --connect}. The tests share the processes
 * and run in order: discovery, forged beacons, then a cut cable. Two tests are disabled until
 * the core fixes what they show (see their comments). Measured times go to stdout
 * (target/surefire-reports/*-output.txt).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetnsMeshProcessTest {
    /** Issue 4: three nodes find each other and chat within 10 s of being started. */
    private static final Duration DISCOVERY_DEADLINE = Duration.ofSeconds(10);
    /** Keepalive 4 s, timeout 12 s: a silent peer is dropped within 13 s; 15 s with slack. */
    private static final Duration DEAD_PEER_DEADLINE = Duration.ofSeconds(15);
    /** One honest broadcast per this during the flood. */
    private static final Duration PACE = Duration.ofMillis(100);
    /** How long a complete mesh may take to re-form after a disturbance. */
    private static final Duration LINKED_DEADLINE = Duration.ofSeconds(20);
    private static final Duration REPLUG_DEADLINE = Duration.ofSeconds(25);
    private static final Pattern PEER_LINE = Pattern.compile("^\\*   (\\S+)#([0-9a-f]{8})  ");
    private static final Pattern LOG_CONNECTED =
            Pattern.compile("peer connected: (?:in|out) \\S+ (\\S+)#([0-9a-f]{8})");

    @TempDir
    static Path tmp;

    private NetnsLab lab;
    private NetnsLab.Segment lan;
    private NetnsLab.Host hostA;
    private NetnsLab.Host hostB;
    private NetnsLab.Host hostC;
    private CliProcess alice;
    private CliProcess bob;
    private CliProcess carol;
    /** A real node nobody links to (no discovery), whose id the forged beacons claim. */
    private CliProcess dave;
    /** A host with no node, where forged beacons come from too. */
    private NetnsLab.Host hostM;
    /** Username to full id of the real nodes. */
    private final Map<String, String> ids = new HashMap<>();

    @BeforeAll
    void buildLan() {
        String why = NetnsLab.unavailableReason();
        assumeTrue(why == null, why);
        lab = NetnsLab.create();
        lan = lab.segment();
        hostA = lab.host("a", lan);
        hostB = lab.host("b", lan);
        hostC = lab.host("c", lan);
    }

    @AfterAll
    void removeLan() {
        if (lab != null) {
            lab.close();
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static Duration left(long startNanos, Duration budget) {
        return Duration.ofNanos(Math.max(1_000_000, startNanos + budget.toNanos()
                - System.nanoTime()));
    }

    /**
     * Waits until {@code p} knows {@code name}, directly or not: a line saying so, or, since a
     * node learned in a link's catch-up gets no line of its own (the catch-up is one summary
     * line), {@code /nodes} listing it.
     */
    static void awaitKnows(CliProcess p, String name, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        java.util.regex.Pattern listed = java.util.regex.Pattern.compile("\\* "
                + java.util.regex.Pattern.quote(name) + "(#[0-9a-f]+)?  ");
        while (p.lines(0, l -> l.startsWith("* connected to " + name + " (")
                || l.equals("* " + name + " joined the mesh")).isEmpty()
                && p.run("/nodes").stream().noneMatch(l -> listed.matcher(l).lookingAt())) {
            if (System.nanoTime() > deadline) {
                fail(p.name + ": no news of " + name + " within " + max + "\n"
                        + p.transcript());
            }
            p.awaitOutput(Duration.ofMillis(200));
        }
    }

    @Test
    @Order(1)
    void threeNodesInTheirOwnNamespacesFindEachOtherAndChatWithinTenSeconds() {
        long start = System.nanoTime();
        alice = lab.start(hostA, "alice", tmp.resolve("alice"), "--username", "alice");
        bob = lab.start(hostB, "bob", tmp.resolve("bob"), "--username", "bob");
        carol = lab.start(hostC, "carol", tmp.resolve("carol"), "--username", "carol");
        for (CliProcess p : List.of(alice, bob, carol)) {
            p.awaitLine(0, l -> l.equals("* Type /help for commands"), "the banner",
                    left(start, DISCOVERY_DEADLINE));
        }
        long ready = millisSince(start);
        awaitKnows(alice, "bob", left(start, DISCOVERY_DEADLINE));
        awaitKnows(alice, "carol", left(start, DISCOVERY_DEADLINE));
        long found = millisSince(start);
        alice.send("hello, LAN");
        for (CliProcess p : List.of(bob, carol)) {
            p.awaitLine(0, l -> l.equals("<alice> hello, LAN"), "alice's broadcast",
                    left(start, DISCOVERY_DEADLINE));
        }
        long chatted = millisSince(start);
        System.out.printf("netns discovery: 3 nodes started at once; all banners after %d ms;"
                + " alice knew bob and carol after %d ms; her broadcast reached both after"
                + " %d ms (deadline %d ms)%n", ready, found, chatted,
                DISCOVERY_DEADLINE.toMillis());
        assertTrue(chatted <= DISCOVERY_DEADLINE.toMillis(), () -> chatted + " ms");
        alice.awaitLine("* LAN discovery on: UDP 239.255.77.77:6677 on all interfaces");
        for (CliProcess p : List.of(alice, bob, carol)) {
            ids.put(p.name, p.id());
        }
        // Discovery dials every node it hears: the mesh becomes complete.
        awaitPeers(alice, "bob", "carol");
        awaitPeers(bob, "alice", "carol");
        awaitPeers(carol, "alice", "bob");
    }

    /** Waits until {@code p} has printed "connected to" for each of {@code names}. */
    private static void awaitPeers(CliProcess p, String... names) {
        for (String n : names) {
            p.awaitLine("* connected to " + n + " (");
        }
    }

    /** What {@link #flood} did: honest lines sent, slowest answer, output marks before it. */
    private record FloodRun(int sent, long slowestMillis, Map<String, Integer> from,
            String forgerSent, String strangerSent) {}

    /**
     * Forged beacons for 2 s while alice broadcasts "{@code tag} N" every 100 ms and every node
     * answers /peers. From carol's host, beacons claim dave's id (a real node nobody is linked
     * to) and random ids, all at carol's TCP port: a node that believed them would link carol
     * under a wrong id. From host m, random ids at a port where nothing listens. 5,000 a second
     * each, so 10,000 a second in all.
     */
    private FloodRun flood(String tag) {
        Map<String, Integer> from = new HashMap<>();
        for (CliProcess p : List.of(alice, bob, carol)) {
            from.put(p.name, p.mark());
        }
        CliProcess forger = lab.spawn(hostC, "forger", CliProcess.javaMain(BeaconFlood.class,
                List.of("5000", "2", "6666", dave.id(), "random")), null);
        CliProcess stranger = lab.spawn(hostM, "stranger", CliProcess.javaMain(
                BeaconFlood.class, List.of("5000", "2", "6666", "random")), null);
        long slowest = 0;
        int sent = 0;
        while (forger.process.isAlive() || stranger.process.isAlive() || sent < 5) {
            LockSupport.parkNanos(PACE.toNanos()); // pacing the chat, not waiting for anything
            sent++;
            alice.send(tag + " " + sent);
            for (CliProcess p : List.of(alice, bob, carol)) {
                long asked = System.nanoTime();
                p.run("/peers");
                slowest = Math.max(slowest, millisSince(asked));
            }
        }
        return new FloodRun(sent, slowest, from, forger.awaitLine("sent "),
                stranger.awaitLine("sent "));
    }

    /**
     * Forged beacons never make a link under a wrong id, the nodes stay responsive, and the
     * chat goes on: alice's lines all reach bob, and after the flood the mesh is complete and
     * chatting again. What carol (whose address the forgeries name) receives during the flood is
     * printed, not asserted: see {@link #forgedBeaconsCostNoGoodLink}.
     */
    @Test
    @Order(2)
    void forgedBeaconsNeverLinkAWrongIdAndTheChatGoesOn() throws IOException {
        assumeTrue(carol != null, "the LAN did not come up");
        // dave is a real node nobody is linked to: no discovery, so he neither beacons nor dials.
        dave = lab.start(lab.host("d", lan), "dave", tmp.resolve("dave"), "--username", "dave",
                "--no-discovery").awaitReady();
        hostM = lab.host("m", lan);
        FloodRun run = flood("during the flood");
        for (int i = 1; i <= run.sent(); i++) {
            bob.awaitLine("<alice> during the flood " + i);
        }
        assertTrue(run.slowestMillis() < 3000,
                () -> "a node took " + run.slowestMillis() + " ms to answer /peers");

        int refused = 0;
        for (CliProcess p : List.of(alice, bob, carol)) {
            List<String> peers = p.run("/peers");
            for (String line : peers) {
                Matcher m = PEER_LINE.matcher(line);
                if (m.find()) {
                    assertRealPeer(p, m.group(1), m.group(2), line);
                }
                assertTrue(!line.contains("connecting"), () -> p.name + ": " + line);
            }
            String log = Files.readString(tmp.resolve(p.name).resolve(LogSetup.LOG_FILE));
            Matcher m = LOG_CONNECTED.matcher(log);
            while (m.find()) {
                assertRealPeer(p, m.group(1), m.group(2), m.group());
            }
            String daveTag = "#" + dave.id().substring(0, 8);
            assertTrue(!log.contains(daveTag), () -> p.name + "'s log names dave:\n" + log);
            int r = count(log, "as discovery claimed");
            refused += r;
            String lanLine = p.run("/status").stream().filter(l -> l.startsWith(
                    "* LAN discovery: ")).findFirst().orElse("(none)");
            System.out.printf("forged beacons: %s refused %d misclaimed links; %s%n", p.name,
                    r, lanLine);
        }
        assertTrue(refused > 0, "no node even tried a forged beacon: the test proved nothing");
        assertEquals(List.of("* no peers connected (use /connect <host> [port])"),
                dave.run("/peers"));

        long healing = System.nanoTime();
        awaitLinked(alice, "bob", "carol");
        awaitLinked(bob, "alice", "carol");
        awaitLinked(carol, "alice", "bob");
        long healed = millisSince(healing);
        alice.send("after the flood");
        bob.awaitLine("<alice> after the flood");
        carol.awaitLine("<alice> after the flood");
        int carolGot = carol.lines(run.from().get("carol"),
                l -> l.startsWith("<alice> during the flood ")).size();
        System.out.printf("forged beacons: %s by the forger (dave's id and random ids at carol's"
                + " port), %s by the stranger (random ids); slowest /peers answer %d ms; of %d"
                + " honest broadcasts bob got all, carol %d; links dropped during the flood:"
                + " alice %d, bob %d, carol %d; mesh complete again %d ms after the checks%n",
                run.forgerSent(), run.strangerSent(), run.slowestMillis(), run.sent(), carolGot,
                drops(alice, run.from()), drops(bob, run.from()), drops(carol, run.from()),
                healed);
    }

    /**
     * Forged beacons must not cost carol any link. A node that dials carol's address for a
     * forged claim learns from her HELLO that she is someone else and refuses before it sends
     * AUTH, so carol never admits that link as a duplicate of her good one (a regression here
     * showed up in about half of the runs as a dropped good link).
     */
    @Test
    @Order(3)
    void forgedBeaconsCostNoGoodLink() {
        assumeTrue(dave != null, "the first flood did not run");
        FloodRun run = flood("second flood");
        for (int i = 1; i <= run.sent(); i++) {
            carol.awaitLine("<alice> second flood " + i);
        }
        for (CliProcess p : List.of(alice, bob, carol)) {
            assertEquals(0, drops(p, run.from()), p::transcript);
        }
    }

    private int drops(CliProcess p, Map<String, Integer> from) {
        return p.lines(from.get(p.name), l -> l.matches("\\* \\S+ disconnected \\(.*")).size();
    }

    /** Waits until {@code p}'s /peers lists a link to each of {@code names}. */
    private static void awaitLinked(CliProcess p, String... names) {
        long deadline = System.nanoTime() + LINKED_DEADLINE.toNanos();
        while (true) {
            List<String> peers = p.run("/peers");
            boolean all = true;
            for (String n : names) {
                all &= peers.stream().anyMatch(l -> l.startsWith("*   " + n + "#"));
            }
            if (all) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, () -> p.name + " is not linked to all of "
                    + List.of(names) + " within " + LINKED_DEADLINE + ": " + peers
                    + p.transcript());
            p.awaitOutput(Duration.ofMillis(500));
        }
    }

    /** {@code name#id8} seen at {@code p} must be a real node under its own id. */
    private void assertRealPeer(CliProcess p, String name, String id8, String line) {
        String real = ids.get(name);
        assertTrue(real != null && real.startsWith(id8) && !name.equals(p.name),
                () -> p.name + " has a link under a wrong id: " + line + "; real ids: " + ids);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    @Order(4)
    void aPeerWhoseCableIsCutIsDroppedWithinFifteenSecondsAndComesBackWhenReplugged() {
        assumeTrue(carol != null, "the LAN did not come up");
        awaitLinked(alice, "bob");
        awaitLinked(carol, "bob");
        int a = alice.mark();
        int b = bob.mark();
        int c = carol.mark();
        // The bridge port goes down: bob's packets vanish, nobody gets a FIN or RST.
        lab.cable(hostB, false);
        long cut = System.nanoTime();
        String seenByAlice = alice.awaitLine(a, l -> l.startsWith("* bob disconnected ("),
                "bob's disconnect", DEAD_PEER_DEADLINE);
        long aliceNoticed = millisSince(cut);
        carol.awaitLine(c, l -> l.startsWith("* bob disconnected ("), "bob's disconnect",
                left(cut, DEAD_PEER_DEADLINE));
        long carolNoticed = millisSince(cut);
        bob.awaitLine(b, l -> l.startsWith("* alice disconnected ("), "alice's disconnect",
                left(cut, DEAD_PEER_DEADLINE));
        long bobNoticed = millisSince(cut);
        System.out.printf("dead-link detection (cable cut, no FIN/RST): alice %d ms, carol %d"
                + " ms, bob himself %d ms (deadline %d ms); alice showed: %s%n", aliceNoticed,
                carolNoticed, bobNoticed, DEAD_PEER_DEADLINE.toMillis(), seenByAlice);

        int a2 = alice.mark();
        int b2 = bob.mark();
        lab.cable(hostB, true);
        long plugged = System.nanoTime();
        alice.awaitLine(a2, l -> l.startsWith("* connected to bob ("), "bob back",
                REPLUG_DEADLINE);
        long back = millisSince(plugged);
        // bob's link is ready only once he says so: the dialer may finish the handshake first,
        // and a broadcast sent with no link up reaches nobody.
        bob.awaitLine(b2, l -> l.startsWith("* connected to alice ("), "alice back",
                left(plugged, REPLUG_DEADLINE));
        bob.send("back on the wire");
        alice.awaitLine(a2, "<bob> back on the wire");
        carol.awaitLine(c, "<bob> back on the wire");
        System.out.printf("replugged: alice linked bob again %d ms after the cable came back%n",
                back);
    }

    /**
     * {@code /disconnect} must stop reconnects even with discovery on: alice's auto-connect
     * must not dial carol again, and carol's own auto-connect to alice must be refused, because
     * alice remembers the nodes her user disconnected from.
     */
    @Test
    @Order(5)
    void disconnectStopsReconnectsEvenWithDiscoveryOn() {
        assumeTrue(carol != null, "the LAN did not come up");
        awaitLinked(alice, "bob");
        awaitLinked(carol, "bob");
        int a = alice.mark();
        assertTrue(alice.run("/disconnect carol").contains("* disconnected from carol"),
                alice::transcript);
        long deadline = System.nanoTime() + Duration.ofSeconds(12).toNanos();
        while (System.nanoTime() < deadline) { // longer than 2 beacon intervals
            assertTrue(alice.lines(a, l -> l.startsWith("* connected to carol (")).isEmpty(),
                    alice::transcript);
            alice.awaitOutput(Duration.ofMillis(200));
        }
    }
}
