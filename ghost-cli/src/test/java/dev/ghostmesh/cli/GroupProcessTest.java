package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Groups, the mesh directory and look-alike names, with real CLI processes. The main chain is
 * alice - bob - charlie (bob in the middle), shared by the tests of this class in a fixed
 * order: alice creates #Dev and bob joins it first, later tests build on that state. Other
 * processes (a second chain, a late joiner, a look-alike bob) are added by the tests that need
 * them and stopped at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GroupProcessTest {
    /** Lines of events that may arrive while a command runs. */
    private static final Pattern EVENT = Pattern.compile("\\* (\\S+ (joined the mesh|left the"
            + " mesh \\(.*\\)|created #\\S+|joined #\\S+|left #\\S+|connected to .*)"
            + "|delivered to .*|not confirmed by .*|\\d+ nodes?, \\d+ groups? in the mesh .*)");
    /** How soon a node that connects after the groups exist must list them. */
    private static final Duration LATE_JOINER_DEADLINE = Duration.ofSeconds(2);

    @RegisterExtension
    static final CliProcesses cli = new CliProcesses();

    private CliProcess alice;
    private CliProcess bob;
    private CliProcess charlie;

    @BeforeAll
    void startChain() {
        alice = cli.start("alice");
        bob = cli.start("bob", "--connect", "localhost:" + alice.port());
        // Linked before charlie starts: charlie is then news to alice, not part of the
        // catch-up bob's link brought her.
        bob.awaitLine("* connected to alice");
        charlie = cli.start("charlie", "--connect", "localhost:" + bob.port());
        alice.awaitLine("* charlie joined the mesh");
        // To charlie, alice and bob existed before: one summary line, not a line each.
        charlie.awaitLine("* 3 nodes, 0 groups in the mesh");
        assertTrue(charlie.lines(0, l -> l.contains("alice joined the mesh")).isEmpty(),
                charlie::transcript);
    }

    /** A broadcast from {@code from} shown by every one of {@code to}: all before it passed. */
    private static void barrier(String tag, CliProcess from, CliProcess... to) {
        from.send("barrier " + tag);
        from.awaitLine("> barrier " + tag); // our echo: later output belongs to later commands
        for (CliProcess p : to) {
            p.awaitLine("> barrier " + tag);
        }
    }

    private static String shortId(CliProcess p) {
        return p.id().substring(0, 8);
    }

    @Test
    @Order(0)
    void noGroupsYetSaysHowToMakeOne() {
        assertEquals(List.of("* no groups yet (/create <name> makes one)"), run(alice, "/groups"));
        assertEquals(List.of("* you are in no groups (/join <name> or /create <name>)"),
                run(alice, "/mygroups"));
    }

    @Test
    @Order(1)
    void groupMessageShowsAtMembersOnlyWithBobInTheMiddle() {
        createJoinAndSend(alice, bob, charlie);
        charlie.awaitLine("* alice created #Dev");
        barrier("members only", alice, bob, charlie);
        // Not a member: charlie relays nothing here, but must not show member events either.
        assertTrue(charlie.lines(0, l -> l.contains("#Dev") && !l.equals(
                "* alice created #Dev")).isEmpty(), charlie::transcript);
    }

    @Test
    @Order(2)
    void groupMessageShowsAtMembersOnlyWithCharlieInTheMiddle() {
        CliProcess a = cli.start("alice2", "--username", "alice");
        CliProcess c = cli.start("charlie2", "--username", "charlie", "--connect",
                "localhost:" + a.port());
        c.awaitLine("* connected to alice");
        CliProcess b = cli.start("bob2", "--username", "bob", "--connect",
                "localhost:" + c.port());
        a.awaitLine("* bob joined the mesh");
        b.awaitLine("* 3 nodes, 0 groups in the mesh");
        createJoinAndSend(a, b, c);
        barrier("relayed by charlie", a, b, c);
        assertTrue(c.lines(0, l -> l.contains("hello devs") || l.contains("from bob")).isEmpty(),
                c::transcript);
        List.of(a, b, c).forEach(CliProcess::close);
    }

    /**
     * The issue's scenario: a creates #Dev, b joins, a and b send with /group; both show both
     * messages, c (a non-member, at the end or in the middle of the chain) shows neither.
     */
    private static void createJoinAndSend(CliProcess a, CliProcess b, CliProcess c) {
        int am = a.mark();
        assertEquals(List.of("* created group #Dev"), run(a, "/create Dev"));
        b.awaitLine("* alice created #Dev");
        assertEquals(List.of("* joined #Dev"), run(b, "/join dev"));
        a.awaitLine(am, "* bob joined #Dev");
        assertEquals(List.of("[#Dev] <alice> hello devs"), run(a, "/group dev hello devs"));
        b.awaitLine("[#Dev] <alice> hello devs");
        assertEquals(List.of("[#Dev] <bob> from bob"), run(b, "/group DEV from bob"));
        a.awaitLine(am, "[#Dev] <bob> from bob");
        c.awaitLine("* alice created #Dev");
        barrier("after group messages", a, b, c);
        assertTrue(c.lines(0, l -> l.contains("hello devs") || l.contains("from bob")).isEmpty(),
                c::transcript);
        assertEquals(1, b.lines(0, l -> l.equals("[#Dev] <alice> hello devs")).size(),
                b::transcript);
    }

    @Test
    @Order(3)
    void groupCommandErrorsAreOneLineEach() {
        assertOnlyLine(charlie, "/create dev",
                "error: group #dev already exists; /join dev to join it");
        assertOnlyLine(alice, "/create DEV", "error: you are already in #DEV");
        assertOnlyLine(bob, "/join dev", "error: you are already in #dev");
        assertOnlyLine(charlie, "/join nope", "error: unknown group 'nope' (see /groups)");
        assertOnlyLine(charlie, "/leave dev", "error: you are not in #dev");
        assertOnlyLine(charlie, "/group dev hi", "error: you are not in #dev (/join dev first)");
        assertOnlyLine(charlie, "/group nope hi", "error: unknown group 'nope' (see /groups)");
        assertOnlyLine(charlie, "/group dev", "error: usage: /group <name> <message>");
        assertOnlyLine(charlie, "/group", "error: usage: /group <name> <message>");
        assertOnlyLine(charlie, "/create", "error: usage: /create <name> [password]");
        assertOnlyLine(charlie, "/join", "error: usage: /join <name> [password]");
        assertOnlyLine(charlie, "/join nope pw", "error: unknown group 'nope' (see /groups)");
        assertOnlyLine(charlie, "/join dev pw", "error: #dev is not protected: /join dev"
                + " without a password");
        assertOnlyLine(charlie, "/leave", "error: usage: /leave <name>");
        assertOnlyLine(charlie, "/create no!", "error: invalid group name 'no!': use only"
                + " letters, digits, - and _");
    }

    private static void assertOnlyLine(CliProcess p, String command, String expected) {
        assertEquals(List.of(expected), run(p, command), () -> command + "\n" + p.transcript());
    }

    /** What {@code command} printed, without event lines about others that came meanwhile. */
    private static List<String> run(CliProcess p, String command) {
        return p.run(command).stream().filter(l -> !EVENT.matcher(l).matches()).toList();
    }

    @Test
    @Order(4)
    void groupsListsEveryGroupAndMyGroupsOnlyMineWithMembers() {
        assertEquals(List.of("* created group #ops"), run(alice, "/create ops"));
        charlie.awaitLine("* alice created #ops");
        assertEquals(List.of("* #Dev  2 members  (joined)", "* #ops  1 member  (joined)"),
                run(alice, "/groups"));
        assertEquals(List.of("* #Dev  2 members", "* #ops  1 member"), run(charlie, "/groups"));
        assertEquals(List.of("* #Dev  2 members: alice, bob", "* #ops  1 member: alice"),
                run(alice, "/mygroups"));
        assertEquals(List.of("* #Dev  2 members: bob, alice"), run(bob, "/mygroups"));
    }

    @Test
    @Order(5)
    void nodesShowsHopsViaAndLastSeen() {
        String b = "bob#" + shortId(bob);
        List<String> out = run(alice, "/nodes");
        assertEquals(2, out.size(), out::toString);
        assertTrue(out.get(0).matches("\\* " + b + "  direct  seen \\d+s ago"), out::toString);
        assertTrue(out.get(1).matches("\\* charlie#" + shortId(charlie) + "  2 hops via " + b
                + "  seen \\d+s ago"), out::toString);
    }

    @Test
    @Order(6)
    void whoisShowsIdCodenameGroupsRouteAndAddresses() {
        List<String> out = run(alice, "/whois charlie");
        String codename = charlie.awaitLine("* username: charlie  (codename ")
                .replaceAll(".*codename ([^)]+)\\).*", "$1");
        assertEquals("* whois charlie#" + shortId(charlie), out.get(0), out::toString);
        assertEquals("*   ID: " + charlie.id(), out.get(1));
        assertEquals("*   codename: " + codename, out.get(2));
        assertEquals("*   groups: none", out.get(3));
        assertEquals("*   reached: 2 hops via bob#" + shortId(bob), out.get(4));
        assertTrue(out.get(5).matches("\\*   addresses: .*:" + charlie.port()
                + ".*  \\(listens on port " + charlie.port() + "\\)"), out::toString);
        assertTrue(out.get(6).matches("\\*   seen \\d+s ago"), out::toString);
        assertEquals(7, out.size(), out::toString);

        List<String> b = run(alice, "/whois " + bob.id().substring(0, 6));
        assertEquals("*   groups: #Dev", b.get(3), b::toString);
        assertTrue(b.get(4).matches("\\*   reached: direct, .+:\\d+ \\(inbound\\)"),
                b::toString);
        assertOnlyLine(alice, "/whois dave", "error: unknown user 'dave' (see /nodes or /peers)");
        assertOnlyLine(alice, "/whois", "error: usage: /whois <user>");
    }

    @Test
    @Order(7)
    void leavingStopsDisplayAndTellsTheMembers() {
        int a = alice.mark();
        assertEquals(List.of("* left #Dev"), run(bob, "/leave Dev"));
        alice.awaitLine(a, "* bob left #Dev");
        int b = bob.mark();
        run(alice, "/group dev after bob left");
        barrier("after leave", alice, bob, charlie);
        assertTrue(bob.lines(b, l -> l.contains("after bob left")).isEmpty(), bob::transcript);
        assertEquals(List.of("* #Dev  1 member  (joined)", "* #ops  1 member  (joined)"),
                run(alice, "/groups"));
        assertEquals(List.of("* #Dev  1 member", "* #ops  1 member"), run(bob, "/groups"));
    }

    @Test
    @Order(8)
    void lateJoinerListsTheGroupsWithinTwoSecondsAndItsGoodbyeIsShown() {
        CliProcess dave = cli.start("dave", "--connect", "localhost:" + charlie.port());
        dave.awaitLine("* connected to charlie");
        long deadline = System.nanoTime() + LATE_JOINER_DEADLINE.toNanos();
        List<String> groups = List.of("* #Dev  1 member", "* #ops  1 member");
        List<String> seen = run(dave, "/groups");
        while (!seen.equals(groups)) {
            if (System.nanoTime() > deadline) {
                fail("dave's /groups after " + LATE_JOINER_DEADLINE + ": " + seen + "\n"
                        + dave.transcript());
            }
            seen = run(dave, "/groups");
        }
        int a = alice.mark();
        assertEquals(List.of("* joined #Dev"), run(dave, "/join dev"));
        alice.awaitLine(a, "* dave joined #Dev");
        dave.send("/quit");
        assertEquals(0, dave.awaitExit(Duration.ofSeconds(2)), dave::transcript);
        charlie.awaitLine("* dave left the mesh (said goodbye)");
        alice.awaitLine(a, "* dave left the mesh (said goodbye)");
        // Quitting is not leaving #Dev (a restart must not show a leave and a join): dave is no
        // longer counted, and no line says he left the group.
        assertTrue(run(alice, "/groups").contains("* #Dev  1 member  (joined)"),
                alice::transcript);
        assertEquals(List.of(), alice.lines(a, l -> l.equals("* dave left #Dev")),
                alice::transcript);
    }

    @Test
    @Order(9)
    void lookAlikeNamesAreRefusedListingBothAndNameWithIdPrefixDelivers() {
        // The same name in Cyrillic: "b\u043eb" looks like "bob" but is another string.
        CliProcess fake = cli.add(CliProcess.startUtf8("fake-bob", cli.home("fake-bob"),
                "--username", "b\u043eb", "--port", "0", "--connect",
                "localhost:" + alice.port())).awaitReady();
        String real = "bob#" + shortId(bob);
        String lookAlike = "b\u043eb#" + shortId(fake);
        alice.awaitLine("* connected to " + lookAlike);
        assertOnlyLine(alice, "/msg bob hi", "error: 'bob' is ambiguous: " + real + ", "
                + lookAlike + " (use name#id)");
        assertOnlyLine(alice, "/msg b\u043eb hi", "error: 'b\u043eb' is ambiguous: " + real
                + ", " + lookAlike + " (use name#id)");
        int b = bob.mark();
        assertEquals(List.of("[private to " + real + "] for the real one"),
                run(alice, "/msg bob#" + bob.id().substring(0, 4) + " for the real one"));
        bob.awaitLine(b, "[private] <alice> for the real one");
        assertEquals(List.of("[private to " + lookAlike + "] for the other"),
                run(alice, "/msg " + fake.id().substring(0, 6) + " for the other"));
        fake.awaitLine("[private] <alice> for the other");
        bob.send("which bob?");
        alice.awaitLine("<" + real + "> which bob?");
        barrier("look-alikes", alice, bob, fake);
        assertTrue(fake.lines(0, l -> l.contains("for the real one")).isEmpty(),
                fake::transcript);
    }
}
