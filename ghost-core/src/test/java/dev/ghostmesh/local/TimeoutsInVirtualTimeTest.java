package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.ConnectionInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.Message;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.local.VirtualMesh.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Presence expiry, receipt timeouts and reconnect backoff on a manual clock: each fires at the
 * virtual instant the configuration says, never early, however slow the machine running it.
 */
class TimeoutsInVirtualTimeTest {
    @Test
    void aNodeThatFallsSilentIsForgottenAfterThreeIntervalsWithItsMembershipsQuietly()
            throws Exception {
        Duration interval = Duration.ofSeconds(30);
        try (VirtualMesh mesh = new VirtualMesh()) {
            UnaryOperator<dev.ghostmesh.MeshNode.Builder> announce =
                    b -> b.announceInterval(interval);
            Node a = mesh.start("pa", announce);
            Node b = mesh.start("pb", announce);
            Node c = mesh.start("pc", announce);
            mesh.link(b, a);
            mesh.link(c, b);
            mesh.await(c.node().createGroup(GroupName.of("lonely")));
            mesh.runUntil(() -> a.node().groups().size() == 1
                    && a.node().groups().get(0).memberCount() == 1, "alice to see the group");
            NodeInfo cAtA = a.node().nodes().stream().filter(n -> n.username().equals("pc"))
                    .findFirst().orElseThrow();
            assertEquals(2, cAtA.hops());

            // Periodic announces keep it known for an hour (120 intervals) while linked.
            mesh.runFor(Duration.ofHours(1));
            assertEquals(2, a.node().nodes().size(), "announces keep every node known");

            mesh.await(c.node().disconnectAndBlock(b.node().id()));
            Duration cutAt = mesh.now();
            mesh.runUntil(() -> a.node().nodes().size() == 1, "alice to forget carol");
            Duration forgotten = mesh.now().minus(cutAt);
            // Heard last at most one interval before the cut; forgotten after three silent
            // intervals, checked once an interval.
            assertTrue(forgotten.compareTo(interval.multipliedBy(2)) >= 0
                    && forgotten.compareTo(interval.multipliedBy(4)) <= 0,
                    "forgotten after " + forgotten);
            mesh.runUntil(() -> a.events().leftReasons.contains("not heard from for 1 min 30 s")
                    || a.events().leftReasons.stream().anyMatch(r -> r.startsWith("not heard")),
                    "alice's node-left event with the reason");
            assertEquals(0, a.node().groups().get(0).memberCount(), "carol's membership goes");

            mesh.link(c, b);
            mesh.runUntil(() -> a.node().nodes().size() == 2
                    && a.node().groups().get(0).memberCount() == 1, "carol to come back");
            assertEquals(List.of(), a.events().memberEvents,
                    "leaving the mesh and coming back in the same group is no leave and no join");
        }
    }

    @Test
    void aMessageWhoseRecipientIsCutOffIsReportedUndeliveredAtTheReceiptTimeout()
            throws Exception {
        Duration receiptTimeout = Duration.ofSeconds(20);
        try (VirtualMesh mesh = new VirtualMesh()) {
            Node a = mesh.start("ra", b -> b.receiptTimeout(receiptTimeout));
            Node b = mesh.start("rb", UnaryOperator.identity());
            mesh.link(a, b);
            Message first = mesh.await(a.node().sendPrivate(b.node().id(), "while linked"));
            mesh.runUntil(() -> a.events().delivered.size() == 1, "the first receipt");
            assertEquals(first.id(), a.events().delivered.get(0).id());

            mesh.network().cut("ra", "rb");
            Duration sentAt = mesh.now();
            mesh.await(a.node().sendPrivate(b.node().id(), "into the void"));
            mesh.runUntil(() -> a.events().undelivered.size() == 1, "the undelivered report");
            Duration reported = mesh.now().minus(sentAt);
            assertTrue(reported.compareTo(receiptTimeout) >= 0
                    && reported.compareTo(receiptTimeout.plusSeconds(1)) <= 0,
                    "reported after " + reported);
            assertTrue(a.events().undelivered.get(0).startsWith("into the void: no receipt within"),
                    a.events().undelivered.toString());
            assertEquals(1, a.events().delivered.size(), "no receipt for the lost message");
        }
    }

    @Test
    void failedDialsAreRetriedWithExponentialBackoffUpToTheCapUntilTheNodeAppears()
            throws Exception {
        Duration min = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(16);
        try (VirtualMesh mesh = new VirtualMesh()) {
            Node a = mesh.start("ba", b -> b.reconnectBackoff(min, max));
            var first = a.node().connect(PeerAddress.local("late"));
            mesh.runUntil(first::isDone, "the first dial to fail");
            assertTrue(first.isCompletedExceptionally());

            List<Duration> attemptsAt = new ArrayList<>();
            for (int n = 2; n <= 8; n++) {
                int attempts = n;
                mesh.runUntil(() -> attempts(a) >= attempts, "attempt " + n);
                attemptsAt.add(mesh.now());
            }
            for (int i = 1; i < attemptsAt.size(); i++) {
                Duration gap = attemptsAt.get(i).minus(attemptsAt.get(i - 1));
                long base = Math.min(max.toMillis(), min.toMillis() << i);
                // min × 2^(n−1) capped at max, times a jitter factor in [0.8, 1.2).
                assertTrue(gap.toMillis() >= base * 8 / 10 && gap.toMillis() < base * 12 / 10 + 1,
                        "gap " + i + " was " + gap + ", base " + base + " ms: " + attemptsAt);
            }

            Node late = mesh.start("late", UnaryOperator.identity());
            mesh.runUntil(() -> VirtualMesh.linked(a, late), "the next retry to reach it");
            mesh.runUntil(() -> connection(a).state() == ConnectionInfo.State.CONNECTED,
                    "the connection to show as connected");
        }
    }

    @Test
    void aFlooderIsRefusedForTheWholeBanAndLinkedAgainOnceItEnds() throws Exception {
        Duration ban = Duration.ofMinutes(10);
        try (VirtualMesh mesh = new VirtualMesh()) {
            // A small link budget: 10 frames a second, bursts of 10, banned at 3 strikes.
            Node target = mesh.start("target", b -> b.linkRateLimit(10, 10)
                    .floodPenalty(3, ban));
            Node flooder = mesh.start("flooder",
                    b -> b.reconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)));
            mesh.link(flooder, target);
            for (int i = 0; i < 200; i++) {
                flooder.node().broadcast("flood " + i); // all in one virtual instant
            }
            mesh.runUntil(() -> !VirtualMesh.linked(target, flooder), "the ban");
            Duration bannedAt = mesh.now();

            // It keeps re-dialing (connect keeps the address) and is refused every time.
            mesh.runFor(ban.minusSeconds(1));
            assertTrue(!VirtualMesh.linked(target, flooder), "linked during the ban");
            assertTrue(target.node().status().linksRefused() >= 10,
                    "refused re-dials: " + target.node().status().linksRefused());

            mesh.runUntil(() -> VirtualMesh.linked(target, flooder), "the link after the ban");
            Duration back = mesh.now().minus(bannedAt);
            assertTrue(back.compareTo(ban) >= 0 && back.compareTo(ban.plusSeconds(36)) <= 0,
                    "linked again " + back + " after the ban began (ban " + ban
                            + ", retries at most 30 s apart + 20 % jitter)");
        }
    }

    private static ConnectionInfo connection(Node node) {
        return node.node().connections().get(0);
    }

    private static int attempts(Node node) {
        return connection(node).attempts();
    }
}
