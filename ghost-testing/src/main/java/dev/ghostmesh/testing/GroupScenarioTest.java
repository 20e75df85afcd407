package dev.ghostmesh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Groups across a whole mesh, on any transport: the original create/join/send scenario, a late
 * joiner catching up from the link snapshot, and partitions that heal to one state.
 *
 * <p>Threading: JUnit runs each test on one thread; the nodes run on their own loops.
 */
public abstract class GroupScenarioTest extends MeshTestBase {
    private static final GroupName TEAM = GroupName.of("ProjectTeam");

    /** For subclasses, which say what the nodes run on ({@link #transports()}). */
    protected GroupScenarioTest() {}

    private static GroupInfo group(TestNode n, GroupName name) throws Exception {
        return n.node().groups().stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(n.name() + " does not know " + name));
    }

    /** Every node's view of every group: name as shown, creator, members. */
    private static String state(TestNode n) {
        return n.node().groups().stream()
                .map(g -> g.name().display() + "/" + g.creator().shortHex() + "/"
                        + g.members().stream().map(id -> id.shortHex()).sorted()
                                .collect(Collectors.joining(",")))
                .collect(Collectors.joining(" "));
    }

    private static void awaitSameGroups(Duration within, TestNode... nodes) {
        Await.until(within, () -> {
            String first = state(nodes[0]);
            for (TestNode n : nodes) {
                if (!state(n).equals(first)) {
                    return false;
                }
            }
            return true;
        }, () -> "equal group state; have " + java.util.Arrays.stream(nodes)
                .map(n -> n.name() + "=[" + state(n) + "]").collect(Collectors.joining(" ")));
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A creates, B joins, A sends: A's chain is {@code order}; returns [A, B, C]. */
    private void originalScenario(String... order) throws Exception {
        TestNode[] chain = chain(order);
        TestNode a = find(chain, "alice");
        TestNode b = find(chain, "bob");
        TestNode c = find(chain, "carol");
        GroupInfo created = get(a.node().createGroup(TEAM));
        assertTrue(created.joined());
        Await.until(WAIT, () -> b.node().groups().stream().anyMatch(g -> g.name().equals(TEAM)),
                "bob to hear of the group");
        GroupInfo joined = get(b.node().joinGroup(GroupName.of("projectteam")));
        assertEquals("ProjectTeam", joined.name().display(), "the creator's spelling is shown");
        Await.until(WAIT, () -> memberCount(a) == 2 && memberCount(c) == 2,
                "alice and carol to see two members");
        Await.until(WAIT, () -> c.node().nodes().stream().anyMatch(
                n -> n.id().equals(b.node().id()) && n.groups().contains(TEAM)),
                "carol's directory to list bob's new group without waiting for an announce");
        long relayedByCarol = c.node().status().packetsRelayed();

        Message sent = get(a.node().sendToGroup(TEAM, "hello group"));
        assertEquals(MessageKind.GROUP, sent.kind());
        Await.until(WAIT, () -> b.count("hello group") == 1, "bob to get the group message");
        settle(a, b, c);
        Message got = only(b, "hello group");
        assertEquals(TEAM, got.group().orElseThrow());
        assertEquals(a.node().id(), got.sender());
        assertEquals(0, c.count("hello group"), "carol is not a member and must not see it");
        assertEquals(0, a.count("hello group"), "alice's own message does not come back");
        if (order[1].equals("carol")) {
            assertTrue(c.node().status().packetsRelayed() > relayedByCarol,
                    "carol, in the middle, must relay what she does not show");
        }

        get(b.node().leaveGroup(TEAM));
        Await.until(WAIT, () -> memberCount(a) == 1, "alice to see bob leave");
        get(a.node().sendToGroup(TEAM, "after bob left"));
        settle(a, b, c);
        assertEquals(0, b.count("after bob left"), "nothing more is shown after leaving");
    }

    private static int memberCount(TestNode n) {
        return n.node().groups().stream().filter(g -> g.name().equals(TEAM))
                .mapToInt(GroupInfo::memberCount).findFirst().orElse(0);
    }

    private static TestNode find(TestNode[] nodes, String name) {
        return java.util.Arrays.stream(nodes).filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void createJoinSendWithTheMemberInTheMiddle() throws Exception {
        originalScenario("alice", "bob", "carol");
    }

    @Test
    void createJoinSendWithTheNonMemberInTheMiddle() throws Exception {
        originalScenario("alice", "carol", "bob");
    }

    @Test
    void lateJoinerSeesGroupsAndMembersWithinTwoSeconds() throws Exception {
        TestNode[] chain = chain("alice", "bob", "carol");
        get(chain[0].node().createGroup(GroupName.of("dev")));
        get(chain[2].node().createGroup(GroupName.of("ops")));
        awaitSameGroups(WAIT, chain);
        get(chain[1].node().joinGroup(GroupName.of("dev")));
        get(chain[1].node().joinGroup(GroupName.of("ops")));
        awaitSameGroups(WAIT, chain);

        TestNode dave = start("dave");
        long startNanos = System.nanoTime();
        link(dave, chain[2]);
        awaitSameGroups(Duration.ofSeconds(2), chain[0], chain[1], chain[2], dave);
        Await.until(Duration.ofSeconds(2), () -> dave.node().nodes().size() == 3,
                "dave to know every node");
        System.out.printf("late joiner converged in %d ms%n",
                (System.nanoTime() - startNanos) / 1_000_000);
        assertEquals(2, group(dave, GroupName.of("dev")).memberCount());
        assertEquals(Set.of(GroupName.of("dev"), GroupName.of("ops")),
                dave.node().nodes().stream().filter(n -> n.username().equals("bob"))
                        .findFirst().orElseThrow().groups());
    }

    @Test
    void partitionsHealToOneGroupStateEverywhere() throws Exception {
        // Two triangles joined by two bridges: a-b-c and d-e-f, bridges c-d and a-f.
        TestNode[] n = new TestNode[6];
        String[] names = {"a", "b", "c", "d", "e", "f"};
        for (int i = 0; i < 6; i++) {
            n[i] = start(names[i]);
        }
        link(n[1], n[0]);
        link(n[2], n[1]);
        link(n[2], n[0]);
        link(n[4], n[3]);
        link(n[5], n[4]);
        link(n[5], n[3]);
        link(n[3], n[2]);
        link(n[5], n[0]);
        awaitFullDirectory(n);
        GroupName dev = GroupName.of("dev");
        get(n[0].node().createGroup(dev));
        awaitSameGroups(WAIT, n);
        get(n[3].node().joinGroup(dev));
        get(n[4].node().joinGroup(dev));
        awaitSameGroups(WAIT, n);

        // Split: close both bridges.
        get(n[2].node().disconnectAndBlock(n[3].node().id()));
        get(n[0].node().disconnectAndBlock(n[5].node().id()));
        Await.until(WAIT, () -> !hasPeer(n[2], n[3]) && !hasPeer(n[0], n[5]),
                "the bridges to close");

        // Left side: b joins dev, c creates ops (first), a leaves dev.
        get(n[1].node().joinGroup(dev));
        GroupName ops = GroupName.of("ops");
        Instant opsCreated = get(n[2].node().createGroup(ops)).createdAt();
        get(n[0].node().leaveGroup(dev));
        // "Later" is by the creations' timestamps, and a node that signed a burst of packets
        // dates them a few ms ahead of its clock (they never go backwards): wait until e's
        // clock is past c's creation, or the two may carry one timestamp.
        Await.until(WAIT, () -> Instant.now().isAfter(opsCreated.plusMillis(5)),
                "the clock to pass c's creation");
        // Right side: the same name created later in another spelling, d leaves, f joins.
        get(n[4].node().createGroup(GroupName.of("OPS")));
        get(n[3].node().leaveGroup(dev));
        get(n[5].node().joinGroup(dev));
        // f can join "ops" only once e's creation has reached it.
        Await.until(WAIT, () -> n[5].node().groups().stream()
                .anyMatch(g -> g.name().equals(GroupName.of("ops"))), "f to learn of OPS");
        get(n[5].node().joinGroup(GroupName.of("ops")));
        awaitSameGroups(WAIT, n[0], n[1], n[2]);
        awaitSameGroups(WAIT, n[3], n[4], n[5]);
        assertFalse(state(n[0]).equals(state(n[3])), "the sides must differ while split");

        long healStart = System.nanoTime();
        link(n[2], n[3]); // c disconnected d, so c (not d) reconnects: d alone is refused

        awaitSameGroups(WAIT, n);
        System.out.printf("partition healed to one group state in %d ms%n",
                (System.nanoTime() - healStart) / 1_000_000);

        GroupInfo opsGroup = group(n[4], ops);
        assertEquals("ops", opsGroup.name().display(), "the earlier creation's spelling wins");
        assertEquals(n[2].node().id(), opsGroup.creator());
        assertEquals(Set.of(n[2].node().id(), n[4].node().id(), n[5].node().id()),
                opsGroup.members());
        assertEquals(Set.of(n[1].node().id(), n[4].node().id(), n[5].node().id()),
                group(n[0], dev).members());
        assertEquals(List.of("dev", "ops"), n[5].node().groups().stream()
                .map(g -> g.name().display()).toList());
    }

    @Test
    void groupOperationsFailWithAReasonTheUserCanActOn() throws Exception {
        TestNode[] chain = chain("alice", "bob");
        TestNode a = chain[0];
        TestNode b = chain[1];
        get(a.node().createGroup(GroupName.of("Dev")));
        Await.until(WAIT, () -> !b.node().groups().isEmpty(), "bob to hear of Dev");
        assertReason(dev.ghostmesh.GroupException.Reason.ALREADY_EXISTS,
                b.node().createGroup(GroupName.of("ＤＥＶ"))); // full-width: same after NFKC
        assertReason(dev.ghostmesh.GroupException.Reason.UNKNOWN_GROUP,
                b.node().joinGroup(GroupName.of("nothing-here")));
        assertReason(dev.ghostmesh.GroupException.Reason.NOT_A_MEMBER,
                b.node().leaveGroup(GroupName.of("dev")));
        assertReason(dev.ghostmesh.GroupException.Reason.NOT_A_MEMBER,
                b.node().sendToGroup(GroupName.of("dev"), "let me in"));
        assertReason(dev.ghostmesh.GroupException.Reason.ALREADY_A_MEMBER,
                a.node().joinGroup(GroupName.of("dev")));
        assertTrue(a.events().groupsCreated.stream().anyMatch(g -> g.name().key().equals("dev")));
        Await.until(WAIT, () -> b.events().groupsCreated.size() == 1, "bob's created event");
    }

    private static void assertReason(dev.ghostmesh.GroupException.Reason expected,
            java.util.concurrent.CompletableFuture<?> f) {
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> get(f));
        assertTrue(e.getCause() instanceof dev.ghostmesh.GroupException, e.toString());
        assertEquals(expected, ((dev.ghostmesh.GroupException) e.getCause()).reason(),
                e.getCause().getMessage());
    }
}
