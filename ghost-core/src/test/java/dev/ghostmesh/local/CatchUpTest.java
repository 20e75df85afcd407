package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.Message;
import dev.ghostmesh.local.VirtualMesh.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Catch-up after a partition, in virtual time: six nodes in two triangles joined by two links;
 * the joining links are cut, each side sends broadcasts and group messages, the cut heals, and
 * every node shows every message exactly once, those of the other side marked late.
 */
class CatchUpTest {
    private static final int PER_SIDE = 100;
    private static final int GROUP_PER_SIDE = 20;

    @Test
    void afterAPartitionHealsEveryNodeShowsEveryMessageOfTheOtherSideOnceAndLate()
            throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            List<Node> nodes = new ArrayList<>();
            for (String name : List.of("a", "b", "c", "d", "e", "f")) {
                // Re-dials at most 5 s apart, so the healed links are back within 5 s: the
                // default backoff (up to 60 s) would measure the re-dial, not the catch-up.
                nodes.add(mesh.start(name, b -> b.reconnectBackoff(Duration.ofSeconds(1),
                        Duration.ofSeconds(5))));
            }
            Node a = nodes.get(0);
            Node b = nodes.get(1);
            Node c = nodes.get(2);
            Node d = nodes.get(3);
            Node e = nodes.get(4);
            Node f = nodes.get(5);
            mesh.link(b, a);
            mesh.link(c, b);
            mesh.link(c, a);
            mesh.link(e, d);
            mesh.link(f, e);
            mesh.link(f, d);
            mesh.link(d, c);
            mesh.link(a, f);
            mesh.runUntil(() -> nodes.stream().allMatch(n -> n.node().nodes().size() == 5),
                    "everyone knows everyone");
            GroupName ops = GroupName.of("ops");
            mesh.await(a.node().createGroup(ops));
            mesh.runUntil(() -> nodes.stream().allMatch(n -> !n.node().groups().isEmpty()),
                    "everyone knows #ops");
            for (Node n : nodes.subList(1, 6)) {
                mesh.await(n.node().joinGroup(ops));
            }
            mesh.runUntil(() -> a.node().groups().get(0).members().size() == 6, "all in #ops");

            mesh.network().cut("c", "d");
            mesh.network().cut("a", "f");
            mesh.runFor(Duration.ofSeconds(20)); // the joining links time out and close
            List<CompletableFuture<Message>> sent = new ArrayList<>();
            for (int i = 0; i < PER_SIDE; i++) {
                sent.add(nodes.get(i % 3).node().broadcast("west " + i));
                sent.add(nodes.get(3 + i % 3).node().broadcast("east " + i));
            }
            for (int i = 0; i < GROUP_PER_SIDE; i++) {
                sent.add(b.node().sendToGroup(ops, "west ops " + i));
                sent.add(e.node().sendToGroup(ops, "east ops " + i));
            }
            mesh.runUntil(() -> sent.stream().allMatch(CompletableFuture::isDone), "sent");
            mesh.runUntil(() -> a.count("west 99") == 1 || b.count("west 99") == 1,
                    "the west side to have its own");
            assertEquals(0, d.count("west 0"), "the partition held");

            Duration healedAt = mesh.now();
            mesh.network().heal("c", "d");
            mesh.network().heal("a", "f");
            mesh.runUntil(() -> VirtualMesh.linked(c, d) || VirtualMesh.linked(a, f),
                    "a joining link back");
            Duration relinkedAt = mesh.now();
            int total = 2 * (PER_SIDE + GROUP_PER_SIDE);
            mesh.runUntil(() -> nodes.stream().allMatch(n -> shown(n) >= total - own(n)),
                    "every node to show every message");
            Duration took = mesh.now().minus(healedAt);
            Duration catchUp = mesh.now().minus(relinkedAt);
            mesh.runFor(Duration.ofSeconds(30)); // a late duplicate would show now
            for (Node n : nodes) {
                for (int i = 0; i < PER_SIDE; i++) {
                    for (String side : List.of("west ", "east ")) {
                        String text = side + i;
                        long expected = isOwn(n, nodes, side, i) ? 0 : 1;
                        assertEquals(expected, n.count(text), n.name() + " shows " + text);
                    }
                }
            }
            List<HistoryEntry> atD = mesh.await(d.node().history(HistoryQuery.latest(500)));
            assertTrue(atD.stream().filter(h -> h.message().text().startsWith("west"))
                    .allMatch(HistoryEntry::late), "the other side's arrived late");
            assertTrue(atD.stream().filter(h -> h.message().text().startsWith("east ")
                    && !h.message().sender().equals(d.node().id())).noneMatch(HistoryEntry::late),
                    "its own side's arrived in time");
            System.out.printf("caught up %d messages on each side %d ms of virtual time after"
                    + " the heal, %d ms after the first link was back%n",
                    PER_SIDE + GROUP_PER_SIDE, took.toMillis(), catchUp.toMillis());
            assertTrue(took.compareTo(Duration.ofSeconds(10)) <= 0, "took " + took);
            assertTrue(catchUp.compareTo(Duration.ofSeconds(2)) <= 0, "catch-up " + catchUp);
        }
    }

    private static long shown(Node n) {
        return n.events().messages.stream().filter(m -> m.text().startsWith("west")
                || m.text().startsWith("east")).count();
    }

    /** Messages {@code n} sent itself (not shown to it). */
    private static long own(Node n) {
        String name = n.name();
        int index = "abcdef".indexOf(name);
        long broadcasts = 0;
        for (int i = 0; i < PER_SIDE; i++) {
            if (i % 3 == index % 3) {
                broadcasts++;
            }
        }
        long group = name.equals("b") || name.equals("e") ? GROUP_PER_SIDE : 0;
        return broadcasts + group;
    }

    private static boolean isOwn(Node n, List<Node> nodes, String side, int i) {
        int sender = (side.equals("west ") ? 0 : 3) + i % 3;
        return nodes.get(sender) == n;
    }
}
