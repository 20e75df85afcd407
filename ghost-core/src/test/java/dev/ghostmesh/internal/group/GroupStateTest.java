package dev.ghostmesh.internal.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupStateTest {
    private static final NodeId SELF = Identity.generate().id();
    private final Random random = new Random(11);

    private GroupState.Creation creation(String name, NodeId creator, long ts) {
        return new GroupState.Creation(GroupName.of(name), creator, ts,
                MessageId.random(random), null);
    }

    private GroupState.Statement statement(long ts, String... groups) {
        Set<GroupName> set = new HashSet<>();
        for (String g : groups) {
            set.add(GroupName.of(g));
        }
        return new GroupState.Statement(ts, MessageId.random(random), Set.copyOf(set), null);
    }

    @Test
    void earliestCreationWinsWhateverTheOrder() {
        NodeId x = Identity.generate().id();
        NodeId y = Identity.generate().id();
        var early = creation("Ops", x, 1000);
        var late = creation("OPS", y, 2000);
        GroupState one = new GroupState(SELF, 10, 10);
        GroupState two = new GroupState(SELF, 10, 10);
        assertNotNull(one.onCreation(late));
        one.onCreation(early);
        two.onCreation(early);
        assertNull(two.onCreation(late), "the same group is not created twice");
        for (GroupState s : List.of(one, two)) {
            GroupInfo g = s.info(GroupName.of("ops"));
            assertEquals("Ops", g.name().display());
            assertEquals(x, g.creator());
        }
    }

    @Test
    void theWinningCreationDecidesWhetherAGroupIsProtectedWhateverTheOrder() {
        NodeId x = Identity.generate().id();
        NodeId y = Identity.generate().id();
        var protection = new dev.ghostmesh.internal.codec.GroupBodies.Protection(
                new dev.ghostmesh.internal.crypto.GroupKeys.KdfParams(64, 1, 1), new byte[32]);
        var earlyProtected = new GroupState.Creation(GroupName.of("dev"), x, 1000,
                MessageId.random(random), null, protection);
        var lateOpen = creation("dev", y, 2000);
        var earlierOpen = creation("dev", y, 500);
        GroupState one = new GroupState(SELF, 10, 10);
        GroupState two = new GroupState(SELF, 10, 10);
        one.onCreation(lateOpen);
        assertFalse(one.info(GroupName.of("dev")).protectedGroup());
        one.onCreation(earlyProtected);
        two.onCreation(earlyProtected);
        two.onCreation(lateOpen);
        for (GroupState s : List.of(one, two)) {
            assertTrue(s.info(GroupName.of("dev")).protectedGroup());
            assertEquals(protection, s.protection(GroupName.of("dev")));
        }
        one.onCreation(earlierOpen);
        assertFalse(one.info(GroupName.of("dev")).protectedGroup(),
                "an earlier open creation wins, and the group is open everywhere");
        assertNull(one.protection(GroupName.of("dev")));
    }

    @Test
    void theLatestStatementOfANodeDecidesItsMembership() {
        NodeId n = Identity.generate().id();
        GroupState s = new GroupState(SELF, 10, 10);
        s.onCreation(creation("a", n, 1));
        s.onCreation(creation("b", n, 1));
        var joinedBoth = statement(10, "a", "b");
        var leftA = statement(20, "b");
        assertEquals(2, s.onStatement(n, joinedBoth).size());
        assertEquals(1, s.onStatement(n, leftA).size());
        assertTrue(s.onStatement(n, joinedBoth).isEmpty(), "an older statement changes nothing");
        assertEquals(Set.of(), s.info(GroupName.of("a")).members());
        assertEquals(Set.of(n), s.info(GroupName.of("b")).members());
        s.forget(n);
        assertEquals(0, s.info(GroupName.of("b")).memberCount());
    }

    @Test
    void aNodeBackInTheMeshIsNoJoinInTheGroupsItHadAndALeaveOfThoseItDropped() {
        NodeId n = Identity.generate().id();
        GroupState s = new GroupState(SELF, 10, 10);
        s.onCreation(creation("a", n, 1));
        s.onCreation(creation("b", n, 1));
        s.onCreation(creation("c", n, 1));
        assertEquals(2, s.onStatement(n, statement(10, "a", "b")).size());
        s.forget(n); // said goodbye: it is out of the member lists, with no events
        assertEquals(0, s.info(GroupName.of("a")).memberCount());
        var back = s.onStatement(n, statement(20, "a", "c"));
        assertEquals(Set.of(n), s.info(GroupName.of("a")).members(), "a is back in a");
        assertEquals(Set.of(n), s.info(GroupName.of("c")).members());
        assertEquals(2, back.size(), "only the changes made while it was away: " + back);
        assertTrue(back.stream().anyMatch(c -> c.group().name().key().equals("b")
                && !c.joined()));
        assertTrue(back.stream().anyMatch(c -> c.group().name().key().equals("c")
                && c.joined()));
    }

    @Test
    void theGroupsOfNodesThatLeftAreRememberedBoundedByTheNodeLimit() {
        GroupState s = new GroupState(SELF, 10, 3);
        s.onCreation(creation("a", SELF, 1));
        List<NodeId> gone = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            NodeId n = Identity.generate().id();
            s.onStatement(n, statement(10, "a"));
            s.forget(n);
            gone.add(n);
        }
        var remembered = s.membersOf(Set.of(GroupName.of("a")));
        assertEquals(Set.copyOf(gone.subList(2, 5)), remembered.keySet(),
                "the last 3 to leave are remembered");
        assertEquals(1, s.onStatement(gone.get(0), statement(20, "a")).size(),
                "one forgotten long ago comes back as a join");
        assertTrue(s.onStatement(gone.get(4), statement(20, "a")).isEmpty());
    }

    @Test
    void restoredOwnGroupsAreOlderThanAnyStatementAndRestoredMembersAreNoJoins() {
        NodeId n = Identity.generate().id();
        GroupState s = new GroupState(SELF, 10, 10);
        s.restore(Set.of(GroupName.of("a")), java.util.Map.of(n, Set.of(GroupName.of("a"))));
        s.onCreation(creation("a", SELF, 1));
        assertTrue(s.info(GroupName.of("a")).joined());
        assertTrue(s.onStatement(SELF, statement(1, "a")).isEmpty(),
                "the first announce after a restart lists the same groups: no change");
        assertTrue(s.onStatement(n, statement(5, "a")).isEmpty(),
                "a member known before the restart is no join");
        assertEquals(Set.of(SELF, n), s.info(GroupName.of("a")).members());
    }

    @Test
    void anyOrderOfTheSameUpdatesGivesTheSameState() {
        List<NodeId> nodes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            nodes.add(Identity.generate().id());
        }
        String[] names = {"dev", "ops", "DEV", "qa", "Ops"};
        List<Object[]> ops = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            NodeId who = nodes.get(random.nextInt(nodes.size()));
            if (random.nextInt(4) == 0) {
                ops.add(new Object[] {who, creation(names[random.nextInt(names.length)], who,
                        random.nextInt(50))});
            } else {
                List<String> gs = new ArrayList<>();
                for (String g : new String[] {"dev", "ops", "qa"}) {
                    if (random.nextBoolean()) {
                        gs.add(g);
                    }
                }
                ops.add(new Object[] {who, statement(random.nextInt(50),
                        gs.toArray(new String[0]))});
            }
        }
        List<GroupInfo> expected = null;
        for (int round = 0; round < 50; round++) {
            List<Object[]> order = new ArrayList<>(ops);
            order.addAll(ops.subList(0, 10)); // duplicates arrive too
            Collections.shuffle(order, random);
            GroupState s = new GroupState(SELF, 100, 100);
            for (Object[] op : order) {
                if (op[1] instanceof GroupState.Creation c) {
                    s.onCreation(c);
                } else {
                    s.onStatement((NodeId) op[0], (GroupState.Statement) op[1]);
                }
            }
            List<GroupInfo> state = s.view(); // records with sets: order-independent equality
            if (expected == null) {
                expected = state;
            }
            assertEquals(expected, state, "round " + round);
        }
    }

    @Test
    void limitsBoundGroupsAndNodes() {
        GroupState s = new GroupState(SELF, 2, 2);
        NodeId n = Identity.generate().id();
        assertNotNull(s.onCreation(creation("a", n, 1)));
        assertNotNull(s.onCreation(creation("b", n, 1)));
        assertNull(s.onCreation(creation("c", n, 1)));
        assertEquals(1, s.rejectedFull());
        s.onStatement(Identity.generate().id(), statement(1, "a"));
        s.onStatement(Identity.generate().id(), statement(1, "a"));
        s.onStatement(Identity.generate().id(), statement(1, "a"));
        assertEquals(2, s.info(GroupName.of("a")).memberCount());
        assertEquals(2, s.rejectedFull());
    }
}
