package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeStatus;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.SecurityProfile;
import dev.ghostmesh.fixtures.Forgery;
import dev.ghostmesh.fixtures.ScriptedPeer;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A packet whose origin is the authenticated peer of the secure link it came on is accepted
 * without a signature check (PROTOCOL.md, "Where signatures are verified"); every other packet
 * is checked as before, and in the open profile nothing is skipped.
 */
class SignatureSkipTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final LocalNetwork network = LocalNetwork.create();
    private final List<MeshNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(MeshNode::close);
        network.close();
        for (MeshNode n : nodes) {
            assertEquals(0, n.status().internalErrors());
        }
    }

    private MeshNode start(String name, SecurityProfile profile, RecordingListener events) {
        MeshNode node = MeshNode.builder().username(name).transport(network.transport(name))
                .securityProfile(profile).build();
        node.addListener(events);
        node.start();
        nodes.add(node);
        return node;
    }

    private static PeerAddress at(String name) {
        return PeerAddress.local(name);
    }

    @Test
    void aDirectPeersOwnPacketsAreDeliveredWithoutAnyCheck() throws Exception {
        RecordingListener atBob = new RecordingListener();
        MeshNode alice = start("alice", SecurityProfile.SECURE, new RecordingListener());
        MeshNode bob = start("bob", SecurityProfile.SECURE, atBob);
        bob.connect(at("alice")).get(5, TimeUnit.SECONDS);
        alice.broadcast("straight from alice").get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> atBob.count("straight from alice") == 1, "bob to get it");
        NodeStatus s = bob.status();
        // Everything bob ever got came from alice herself: her announce, her broadcast.
        assertEquals(0, s.signaturesVerified(), s.toString());
        assertTrue(s.signaturesSkipped() >= 1, s.toString());
        assertEquals(0, s.invalidDropped());
    }

    @Test
    void packetsRelayedFromFurtherAwayAreStillChecked() throws Exception {
        RecordingListener atBob = new RecordingListener();
        MeshNode alice = start("alice", SecurityProfile.SECURE, new RecordingListener());
        MeshNode relay = start("relay", SecurityProfile.SECURE, new RecordingListener());
        MeshNode bob = start("bob", SecurityProfile.SECURE, atBob);
        alice.connect(at("relay")).get(5, TimeUnit.SECONDS);
        bob.connect(at("relay")).get(5, TimeUnit.SECONDS);
        long before = bob.status().signaturesVerified();
        alice.broadcast("two hops").get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> atBob.count("two hops") == 1, "bob to get it");
        assertTrue(bob.status().signaturesVerified() > before, bob.status().toString());
    }

    @Test
    void aForgedPacketFromAnotherOriginIsDroppedEvenOnAnAuthenticatedLink() throws Exception {
        RecordingListener atTarget = new RecordingListener();
        RecordingListener atHonest = new RecordingListener();
        MeshNode target = start("target", SecurityProfile.SECURE, atTarget);
        MeshNode honest = start("honest", SecurityProfile.SECURE, atHonest);
        honest.connect(at("target")).get(5, TimeUnit.SECONDS);
        Identity mallory = Identity.generate();
        ScriptedPeer peer = new ScriptedPeer(mallory, "mallory").connect(
                network.transport("mallory"), at("target"));
        Await.until(WAIT, () -> target.peers().size() == 2, "mallory to be admitted");
        Identity victim = Identity.generate();
        NodeStatus before = target.status();
        // Names another node as its origin, with that node's key, but is signed by mallory:
        // her link proves only who relayed it.
        assertTrue(peer.send(new Forgery(mallory, 3).claiming(victim.id(),
                victim.publicKey(), PacketType.BROADCAST, Bodies.broadcast("forged"))));
        // Her own packet right after it is the control: it gets through without a check.
        assertTrue(peer.send(new Forgery(mallory, 4).broadcast("mallory herself")));
        Await.until(WAIT, () -> atHonest.count("mallory herself") == 1, "the control packet");
        NodeStatus after = target.status();
        assertEquals(0, atTarget.count("forged"));
        assertEquals(0, atHonest.count("forged"));
        assertEquals(before.invalidDropped() + 1, after.invalidDropped(), after.toString());
        assertEquals(before.signaturesVerified() + 1, after.signaturesVerified());
        assertTrue(after.signaturesSkipped() > before.signaturesSkipped(), after.toString());
    }

    @Test
    void aPacketClaimingThePeersIdWithAnotherKeyIsChecked() throws Exception {
        RecordingListener atTarget = new RecordingListener();
        MeshNode target = start("target", SecurityProfile.SECURE, atTarget);
        Identity mallory = Identity.generate();
        ScriptedPeer peer = new ScriptedPeer(mallory, "mallory").connect(
                network.transport("mallory"), at("target"));
        Await.until(WAIT, () -> target.peers().size() == 1, "mallory to be admitted");
        NodeStatus before = target.status();
        // Her id, someone else's key (and her signature): the key is not the one her link
        // proved, so the packet is checked, and fails (the key does not hash to the id).
        assertTrue(peer.send(new Forgery(mallory, 5).claiming(mallory.id(),
                Identity.generate().publicKey(), PacketType.BROADCAST,
                Bodies.broadcast("wrong key"))));
        Await.until(WAIT, () -> target.status().invalidDropped() == before.invalidDropped() + 1,
                "the packet to be dropped");
        assertEquals(before.signaturesSkipped(), target.status().signaturesSkipped());
        assertEquals(0, atTarget.count("wrong key"));
    }

    @Test
    void inTheOpenProfileNothingIsSkipped() throws Exception {
        RecordingListener atBob = new RecordingListener();
        MeshNode alice = start("alice", SecurityProfile.OPEN, new RecordingListener());
        MeshNode bob = start("bob", SecurityProfile.OPEN, atBob);
        bob.connect(at("alice")).get(5, TimeUnit.SECONDS);
        alice.broadcast("open and direct").get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> atBob.count("open and direct") == 1, "bob to get it");
        NodeStatus s = bob.status();
        assertEquals(0, s.signaturesSkipped(), s.toString());
        assertEquals(0, s.signaturesVerified(), "the open profile has no signatures to check");
        // And an open peer's unsigned packet claiming another origin is still refused by the
        // origin check alone, with no skip on the way.
        Identity mallory = Identity.generate();
        ScriptedPeer peer = ScriptedPeer.open(mallory, "mallory", null).connect(
                network.transport("mallory"), at("bob"));
        Await.until(WAIT, () -> bob.peers().size() == 2, "mallory to be admitted");
        long invalid = bob.status().invalidDropped();
        assertTrue(peer.send(new Forgery(mallory, 6).claiming(alice.id(),
                Identity.generate().publicKey(), PacketType.BROADCAST,
                Bodies.broadcast("not alice"))));
        Await.until(WAIT, () -> bob.status().invalidDropped() == invalid + 1, "the drop");
        assertEquals(0, bob.status().signaturesSkipped());
        assertEquals(0, atBob.count("not alice"));
    }
}
