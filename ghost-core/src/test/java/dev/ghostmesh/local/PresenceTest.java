package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.fixtures.ScriptedPeer;
import dev.ghostmesh.internal.codec.GroupBodies;
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
