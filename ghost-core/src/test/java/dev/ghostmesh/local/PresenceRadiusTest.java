package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.MeshException;
import dev.ghostmesh.Message;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTestBase;
import dev.ghostmesh.testing.MeshTransports;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code announceTtl}: how far a node's presence spreads, while its messages go everywhere. */
class PresenceRadiusTest extends MeshTestBase {
    @Override
    protected MeshTransports transports() {
        return new LocalMeshTransports();
    }

    private TestNode radiusTwo(String name) {
        // A short receipt wait, so a message nobody can seal for is reported within the test.
        return start(name, b -> b.announceTtl(2).receiptTimeout(java.time.Duration.ofSeconds(2)));
    }

    @Test
    void nodesBeyondTheAnnounceRadiusRelayButDoNotKnowTheNode() throws Exception {
        TestNode a = radiusTwo("ra");
        TestNode b = radiusTwo("rb");
        TestNode c = radiusTwo("rc");
        TestNode d = radiusTwo("rd");
        link(b, a);
        link(c, b);
        link(d, c);
        Await.until(WAIT, () -> names(a).contains("rc") && names(b).contains("rd"),
                () -> "announces to spread two hops: ra knows " + names(a) + ", rb knows "
                        + names(b));

        d.node().broadcast("from three hops away").get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> a.count("from three hops away") == 1, "ra to get the message");
        // Links deliver in order, so d's announce, had it been relayed this far, would have
        // reached ra before the message did.
        Message m = only(a, "from three hops away");
        assertEquals(d.node().id(), m.sender());
        assertEquals(3, m.hops());
        assertEquals(d.node().identity().codename(), m.senderName(), "unknown: its codename");
        assertEquals(List.of("rb", "rc"), names(a), "rd is three hops away");
        assertEquals(2, hopsTo(b, "rd"), "within two hops rd is known");

        // Beyond the radius there is no key to seal to: the message waits for one, in vain.
        a.node().sendPrivate(d.node().id(), "no key").get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> a.events().undelivered.stream()
                .anyMatch(u -> u.startsWith("no key: no key for")), "the undelivered report");
        assertTrue(a.node().sendPrivate(c.node().id(), "two hops").get(WAIT.toMillis(),
                TimeUnit.MILLISECONDS) != null, "private messages work within the radius");
    }

    private static List<String> names(TestNode n) {
        return n.node().nodes().stream().map(NodeInfo::username).sorted().toList();
    }

    private static int hopsTo(TestNode n, String name) {
        return n.node().nodes().stream().filter(i -> i.username().equals(name)).findFirst()
                .orElseThrow().hops();
    }
}
