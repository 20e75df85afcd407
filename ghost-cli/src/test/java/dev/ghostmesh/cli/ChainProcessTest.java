package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real CLI processes in a chain, alice - bob - charlie (bob dials alice, charlie dials
 * bob), shared by the tests of this class because each JVM start costs about a second. The
 * tests run in a fixed order; the last one quits charlie.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChainProcessTest {
    @TempDir
    static Path tmp;

    private CliProcess alice;
    private CliProcess bob;
    private CliProcess charlie;
    /** Extra processes of one test, destroyed after it. */
    private final List<CliProcess> extra = new ArrayList<>();

    private int closedPort;

    @BeforeAll
    void startChain() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // nobody listens here once it is closed
        }
        alice = CliProcess.start("alice", tmp.resolve("alice"), "--username", "alice",
                "--port", "0").awaitReady();
        bob = CliProcess.start("bob", tmp.resolve("bob"), "--username", "bob", "--port", "0",
                "--connect", "localhost", "--connect-port", String.valueOf(alice.port()))
                .awaitReady();
        // Linked before charlie starts: charlie is then news to alice, not part of the
        // catch-up bob's link brought her.
        bob.awaitLine("* connected to alice (localhost:" + alice.port() + ")");
        charlie = CliProcess.start("charlie", tmp.resolve("charlie"), "--username", "charlie",
                "--port", "0", "--connect", "127.0.0.1:" + closedPort,
                "--connect", "127.0.0.1:" + bob.port()).awaitReady();
        bob.awaitLine("* connected to alice (localhost:" + alice.port() + ")");
        bob.awaitLine("* connected to charlie (127.0.0.1:");
        // Both ends of the chain know each other only through bob's relaying.
        alice.awaitLine("* charlie joined the mesh");
        // To charlie, alice existed before: the catch-up is summed up, not replayed.
        charlie.awaitLine("* 3 nodes, 0 groups in the mesh (/nodes and /groups list them)");
    }

    @AfterEach
    void destroyExtra() {
        extra.forEach(CliProcess::close);
        extra.clear();
    }

    @AfterAll
    void destroyChain() {
        for (CliProcess p : new CliProcess[] {alice, bob, charlie}) {
            if (p != null) {
                p.close();
            }
        }
    }

    /** Broadcasts from alice and waits until charlie shows it: everything before has passed. */
    private void barrier(String tag) {
        alice.send("barrier " + tag);
        charlie.awaitLine("<alice> barrier " + tag);
        bob.awaitLine("<alice> barrier " + tag);
    }

    @Test
    @Order(0)
    void startupConnectFailureIsOneErrorLineAndTheOtherConnectStillWorks() {
        String e = charlie.awaitLine("error: cannot connect to 127.0.0.1:" + closedPort + ": ");
        assertTrue(e.toLowerCase().contains("refused"), e);
        assertEquals(1, charlie.lines(0, l -> l.startsWith("error: ")).size(),
                charlie::transcript);
        charlie.awaitLine("* connected to bob (127.0.0.1:" + bob.port() + ")");
    }

    @Test
    @Order(1)
    void broadcastFromAliceShowsOnceAtBobAndCharlieAndIsEchoedAtAlice() {
        int a = alice.mark();
        int c = charlie.mark();
        alice.send("hello everyone");
        charlie.awaitLine(c, "<alice> hello everyone");
        bob.awaitLine("<alice> hello everyone");
        alice.awaitLine(a, "<alice> hello everyone");
        alice.send("/broadcast second one");
        charlie.awaitLine(c, "<alice> second one");
        barrier("broadcast");
        assertEquals(1, charlie.lines(c, l -> l.equals("<alice> hello everyone")).size(),
                charlie::transcript);
        assertEquals(1, bob.lines(0, l -> l.equals("<alice> hello everyone")).size(),
                bob::transcript);
        assertEquals(1, alice.lines(a, l -> l.equals("<alice> hello everyone")).size(),
                alice::transcript);
    }

    @Test
    @Order(2)
    void privateMessageFromAliceShowsOnlyAtCharlie() {
        int a = alice.mark();
        alice.send("/msg charlie psst, just for you");
        charlie.awaitLine("[private] <alice> psst, just for you");
        alice.awaitLine(a, "[private to charlie] psst, just for you");
        // Charlie's sealed receipt comes back through bob.
        alice.awaitLine(a, "* delivered to charlie: psst, just for you");
        barrier("private"); // bob relayed the private message before this broadcast
        assertTrue(bob.lines(0, l -> l.contains("psst")).isEmpty(), bob::transcript);
    }

    @Test
    @Order(3)
    void privateMessageAddressedByIdPrefixAndCodename() {
        String charlieId = charlie.id();
        alice.send("/msg " + charlieId.substring(0, 6) + " by id");
        charlie.awaitLine("[private] <alice> by id");
        String codename = charlie.awaitLine("* username: charlie  (codename ")
                .replaceAll(".*codename ([^)]+)\\).*", "$1");
        alice.send("/msg " + codename + " by codename");
        charlie.awaitLine("[private] <alice> by codename");
    }

    @Test
    @Order(4)
    void peersListsDirectPeersWithNameAddressAndDirection() {
        int m = bob.mark();
        bob.send("/peers");
        bob.awaitLine(m, "* peers (2):");
        String a = bob.awaitLine(m, "alice#" + alice.id().substring(0, 8));
        assertTrue(a.contains("localhost:" + alice.port()) && a.endsWith("outbound"), a);
        String c = bob.awaitLine(m, "charlie#" + charlie.id().substring(0, 8));
        assertTrue(c.contains("inbound") && c.contains("listens on " + charlie.port()), c);
    }

    @Test
    @Order(5)
    void statusShowsIdAndCounters() {
        int m = alice.mark();
        alice.send("/status");
        String id = alice.awaitLine(m, "* ID: ");
        assertTrue(id.matches("\\* ID: [0-9a-f]{32}"), id);
        assertEquals("* ID: " + alice.id(), id);
        alice.awaitLine(m, "* listening on port " + alice.port());
        alice.awaitLine(m, "* peers: 1  known nodes: 2  uptime: ");
        String counters = alice.awaitLine(m, "* messages: ");
        assertTrue(counters.matches("\\* messages: [1-9]\\d* sent, \\d+ received, \\d+ relayed"),
                counters);
        int b = bob.mark();
        bob.send("/status");
        String relayed = bob.awaitLine(b, "* messages: ");
        assertTrue(relayed.matches(".* [1-9]\\d* relayed"), relayed);
    }

    @Test
    @Order(6)
    void eachErrorIsOneLineAndTheNodeKeepsWorking() {
        assertOneErrorLine("/foo", "error: unknown command /foo (type /help)");
        assertOneErrorLine("/msg", "error: usage: /msg <user> <message>");
        assertOneErrorLine("/msg charlie", "error: usage: /msg <user> <message>");
        assertOneErrorLine("/msg dave hi", "error: unknown user 'dave' (see /nodes or /peers)");
        assertOneErrorLine("/broadcast", "error: usage: /broadcast <message>");
        assertOneErrorLine("/connect", "error: usage: /connect <host> [port]");
        assertOneErrorLine("/connect localhost 99999",
                "error: invalid port '99999': must be 1-65535");
        assertOneErrorLine("/connect localhost:abc", "error: invalid port 'abc'");
        int m = alice.mark();
        alice.send("/connect 127.0.0.1 " + closedPort);
        String refused = alice.awaitLine(m, "error: cannot connect to 127.0.0.1:" + closedPort);
        assertTrue(refused.toLowerCase().contains("refused"), refused);
        barrier("after errors");
        assertEquals(1, alice.lines(m, l -> l.startsWith("error: ")).size(), alice::transcript);
    }

    /** Sends {@code command}, then a probe; exactly one line may come between them. */
    private void assertOneErrorLine(String command, String expectedStart) {
        int m = alice.mark();
        alice.send(command);
        alice.send("/probe");
        alice.awaitLine(m, "error: unknown command /probe (type /help)");
        List<String> shown = alice.lines(m, l -> !l.startsWith("* "));
        assertEquals(2, shown.size(), () -> command + " printed " + shown);
        assertTrue(shown.get(0).startsWith(expectedStart), () -> command + " printed " + shown);
    }

    @Test
    @Order(7)
    void controlBidiAndZeroWidthCharactersArriveEscaped() {
        int c = charlie.mark();
        alice.send("evil \u001b[2J\u001b[31mred\u202eright-to-left\u2066iso\u200bzw\ufeffbom"
                + "\u0007bell\u0085nel\u2028sep end");
        String line = charlie.awaitLine(c, "<alice> evil ");
        assertEquals("<alice> evil \\u001b[2J\\u001b[31mred\\u202eright-to-left\\u2066iso"
                + "\\u200bzw\\ufeffbom\\u0007bell\\u0085nel\\u2028sep end", line);
        for (CliProcess p : new CliProcess[] {alice, bob, charlie}) {
            for (String l : p.stdout()) {
                assertTrue(l.codePoints().noneMatch(Sanitizer::isUnsafe),
                        () -> p.name + " printed an unsafe character in: " + l);
            }
        }
    }

    @Test
    @Order(8)
    void secondProcessOnAPortInUseExitsAtOnceNamingThePort() {
        CliProcess clash = CliProcess.start("clash", tmp.resolve("clash"), "--port",
                String.valueOf(alice.port()));
        extra.add(clash);
        int code = clash.awaitExit(Duration.ofSeconds(2));
        assertNotEquals(0, code);
        String line = clash.awaitStderrLine("error: ");
        assertTrue(line.contains("port " + alice.port()) && line.contains("--port"), line);
        assertTrue(clash.stdout().isEmpty(), clash::transcript);
    }

    @Test
    @Order(9)
    void secondProcessOnAHomeInUseFailsNamingTheHome() {
        Path home = tmp.resolve("bob");
        CliProcess twin = CliProcess.start("twin", home, "--port", "0");
        extra.add(twin);
        assertNotEquals(0, twin.awaitExit(Duration.ofSeconds(5)));
        String line = twin.awaitStderrLine("error: ");
        assertTrue(line.contains(home.toString()) && line.contains("--home")
                && line.contains("in use"), line);
        assertEquals(1, twin.stderr().size(), twin::transcript);
        bob.send("still here");
        alice.awaitLine("<bob> still here"); // the first bob is unharmed
    }

    @Test
    @Order(10)
    void logsGoToTheHomeNeverToTheScreen() throws IOException {
        for (CliProcess p : new CliProcess[] {alice, bob, charlie}) {
            assertTrue(p.stderr().isEmpty(), p::transcript);
            assertTrue(p.stdout().stream().noneMatch(l -> l.matches(".*\\[(INFO|WARN|ERROR|"
                    + "DEBUG)\\].*|.*\\bSLF4J\\b.*")), p::transcript);
        }
        String log = Files.readString(tmp.resolve("bob").resolve(LogSetup.LOG_FILE));
        assertTrue(log.contains("peer connected"), log);
    }

    @Test
    @Order(11)
    void quitExitsWithZeroWithinOneSecondAndPeersSeeCharlieLeave() {
        int a = alice.mark();
        int b = bob.mark();
        charlie.send("/quit");
        assertEquals(0, charlie.awaitExit(Duration.ofSeconds(1)), charlie::transcript);
        bob.awaitLine(b, "* charlie left the mesh (said goodbye)");
        bob.awaitLine(b, "* charlie disconnected (");
        alice.awaitLine(a, "* charlie left the mesh (said goodbye)");
        alice.send("/status");
        alice.awaitLine(a, "* peers: 1  known nodes: 1  uptime: ");
    }
}
