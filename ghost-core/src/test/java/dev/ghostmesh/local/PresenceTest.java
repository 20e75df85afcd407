package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.internal.codec.GroupBodies;
import dev.ghostmesh.testing.ScriptedPeer;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTestBase;
import dev.ghostmesh.testing.MeshTransports;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Presence over time (periodic announces, expiry) and forged group statements. */
class PresenceTest extends MeshTestBase {
    private static final Duration INTERVAL = Duration.ofMillis(150);
    private LocalMeshTransports local;

    @Override
    protected MeshTransports transports() {
        local = new LocalMeshTransports();
        return local;
    }

    private TestNode fast(String name) {
        return start(name, b -> b.announceInterval(INTERVAL));
    }

    @Test
    void aNodeThatFallsSilentIsForgottenAfterThreeIntervalsWithItsMembershipsQuietly()
            throws Exception {
        TestNode a = fast("pa");
        TestNode b = fast("pb");
        TestNode c = fast("pc");
        link(b, a);
        link(c, b);
        c.node().createGroup(GroupName.of("lonely")).get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> a.node().groups().size() == 1
                && a.node().groups().get(0).memberCount() == 1, "alice to see carol's group");
        NodeInfo cAtA = a.node().nodes().stream().filter(n -> n.username().equals("pc"))
                .findFirst().orElseThrow();
        assertEquals(2, cAtA.hops());
        assertEquals(b.node().id(), cAtA.via().orElseThrow(), "reached through bob");

        // Periodic announces keep it alive well past three intervals while linked.
        long until = System.nanoTime() + INTERVAL.multipliedBy(8).toNanos();
        Await.until(WAIT, () -> System.nanoTime() > until, "eight intervals to pass");
        assertEquals(2, a.node().nodes().size(), "announces keep every node known");

        c.node().disconnect(b.node().id()).get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> a.node().nodes().size() == 1, "alice to forget carol");
        Await.until(WAIT, () -> a.events().leftReasons.contains("not heard from for 450 ms"),
                () -> "alice's node-left event with the reason, have " + a.events().leftReasons);
        assertEquals(0, a.node().groups().get(0).memberCount(), "carol's membership goes too");

        link(c, b);
        Await.until(WAIT, () -> a.node().nodes().size() == 2
                && a.node().groups().get(0).memberCount() == 1, "carol to come back");
        assertEquals(List.of(), a.events().memberEvents,
                "leaving the mesh and coming back in the same group is no leave and no join");
    }

    @Test
    void aJoinOrLeaveSignedByOneNodeNamingAnotherIsRejectedByEveryNode() throws Exception {
        TestNode a = start("fa");
        TestNode b = start("fb");
        link(b, a);
        GroupName dev = GroupName.of("dev");
        a.node().createGroup(dev).get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> b.node().groups().size() == 1, "bob to hear of dev");

        // Mallory authenticates to bob with her own key, then claims alice left and bob joined.
        LocalTransport raw = local.network().transport("mallory-raw");
        try {
            Identity mallory = Identity.generate();
            ScriptedPeer link = new ScriptedPeer(mallory, "mallory").connect(raw, addressOf(b));
            Await.until(WAIT, () -> b.node().peers().size() == 2, "mallory to be admitted");
            long invalidBefore = b.node().status().invalidDropped();
            link.send(forged(mallory, PacketType.GROUP_LEAVE, a.node().id(), dev, List.of()));
            link.send(forged(mallory, PacketType.GROUP_JOIN, b.node().id(), dev, List.of(dev)));
            Await.until(WAIT, () -> b.node().status().invalidDropped() == invalidBefore + 2,
                    "both forgeries to be rejected and counted");
            // An honest change still flows, and the forged ones changed nothing anywhere.
            b.node().joinGroup(dev).get(5, TimeUnit.SECONDS);
            Await.until(WAIT, () -> a.node().groups().get(0).memberCount() == 2,
                    "alice to see bob's real join");
            assertEquals(java.util.Set.of(a.node().id(), b.node().id()),
                    a.node().groups().get(0).members());
            assertEquals(a.node().groups().get(0).members(), b.node().groups().get(0).members());
        } finally {
            raw.close();
        }
    }

    private static byte[] forged(Identity signer, int type, NodeId member, GroupName group,
            List<GroupName> groups) {
        return PacketCodec.encode(signer, type, MessageId.random(new Random(type)), 8,
                System.currentTimeMillis(), type,
                GroupBodies.membership(new GroupBodies.Membership(member, group, groups)));
    }
}
