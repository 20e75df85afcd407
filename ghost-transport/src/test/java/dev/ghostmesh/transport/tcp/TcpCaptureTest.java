package dev.ghostmesh.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.Identity;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.SecurityProfile;
import dev.ghostmesh.fixtures.ByteSearch;
import dev.ghostmesh.internal.codec.OpenLinkFrames;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.MeshTestBase;
import dev.ghostmesh.testing.MeshTransports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A wiretap between two nodes: everything they say — names, a group, a broadcast, a private
 * message, a group message — is delivered, and none of it, nor who they are, is in the bytes
 * the TCP connection carried. Between two nodes of the open profile the same tap reads names,
 * broadcasts and open groups in the clear, in unsigned packets, but still not private messages
 * or protected groups.
 */
class TcpCaptureTest extends MeshTestBase {
    private RecordingProxy proxy;

    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }

    @AfterEach
    void closeProxy() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void theBytesOfALinkHoldNoMessageNameGroupNameOrIdentity() throws Exception {
        TestNode alice = start("alice-qz7xv");
        TestNode bob = start("bob-kw3pl");
        proxy = RecordingProxy.start(addressOf(bob));
        PeerInfo peer = alice.node().connect(proxy.address())
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(bob.node().id(), peer.id(), "reached bob through the proxy");
        awaitFullDirectory(alice, bob);

        GroupName group = GroupName.of("grp-mq9zx8");
        alice.node().createGroup(group).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> bob.node().groups().size() == 1, "bob to hear of the group");
        bob.node().joinGroup(group).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> alice.node().groups().get(0).memberCount() == 2,
                "alice to see bob join");
        String broadcast = "broadcast: the eagle lands at noon";
        String secret = "private: meet me at the old mill";
        String groupText = "group: bring the blue folder";
        alice.node().broadcast(broadcast);
        Message sent = alice.node().sendPrivate(bob.node().id(), secret)
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        bob.node().sendToGroup(group, groupText);
        Await.until(WAIT, () -> bob.count(broadcast) == 1 && bob.count(secret) == 1
                && alice.count(groupText) == 1, "every message to arrive");
        Await.until(WAIT, () -> alice.events().delivered.stream()
                .anyMatch(m -> m.id().equals(sent.id())), "the private message's receipt");
        assertEquals(MessageKind.GROUP, only(alice, groupText).kind());
        assertEquals(1, proxy.connections(), "one connection, all through the tap");

        Map<String, byte[]> secrets = new LinkedHashMap<>();
        for (String s : List.of(alice.name(), bob.name(), group.display(), broadcast, secret,
                groupText)) {
            secrets.put("'" + s + "'", s.getBytes(StandardCharsets.UTF_8));
        }
        for (TestNode n : List.of(alice, bob)) {
            Identity id = n.node().identity();
            secrets.put(n.name() + "'s id", id.id().bytes());
            secrets.put(n.name() + "'s signing key", id.publicKey());
            secrets.put(n.name() + "'s static key", id.agreementPublicKey());
        }
        byte[] toBob = proxy.toUpstream();
        byte[] toAlice = proxy.fromUpstream();
        assertTrue(toBob.length > 1_000 && toAlice.length > 1_000, "the tap saw the traffic");
        secrets.forEach((what, bytes) -> {
            assertFalse(ByteSearch.contains(toBob, bytes), what + " on the wire to bob");
            assertFalse(ByteSearch.contains(toAlice, bytes), what + " on the wire to alice");
        });

        // No plaintext protocol at all: the dialer opens with its bare ephemeral key (the old
        // plaintext HELLO was a MessagePack array naming the node), and no frame either way
        // reads as a packet.
        List<byte[]> framesToBob = RecordingProxy.frames(toBob);
        List<byte[]> framesToAlice = RecordingProxy.frames(toAlice);
        assertEquals(32, framesToBob.get(0).length, "the first frame is an X25519 key");
        for (byte[] frame : concat(framesToBob, framesToAlice)) {
            assertThrows(PacketDecodeException.class, () -> PacketCodec.decode(frame));
        }
    }

    @Test
    void inTheOpenProfileTheTapReadsPlainUnsignedFramesButNotSealedMessages() throws Exception {
        UnaryOperator<dev.ghostmesh.MeshNode.Builder> open =
                b -> b.securityProfile(SecurityProfile.OPEN).groupKdf(64, 1, 1);
        TestNode alice = start("alice-qz7xv", open);
        TestNode bob = start("bob-kw3pl", open);
        proxy = RecordingProxy.start(addressOf(bob));
        alice.node().connect(proxy.address()).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        awaitFullDirectory(alice, bob);
        GroupName lobby = GroupName.of("lobby-mq9zx8");
        GroupName vault = GroupName.of("vault-mq9zx8");
        alice.node().createGroup(lobby).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        alice.node().createGroup(vault, "a long group password".toCharArray())
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> bob.node().groups().size() == 2, "bob to hear of the groups");
        bob.node().joinGroup(lobby).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        bob.node().joinGroup(vault, "a long group password".toCharArray())
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> alice.node().groups().stream()
                .allMatch(g -> g.memberCount() == 2), "alice to see bob join both");
        String broadcast = "broadcast: the eagle lands at noon";
        String openGroupText = "lobby: bring the blue folder";
        String secret = "private: meet me at the old mill";
        String sealedGroupText = "vault: the key is under the mat";
        alice.node().broadcast(broadcast);
        alice.node().sendToGroup(lobby, openGroupText);
        alice.node().sendPrivate(bob.node().id(), secret);
        alice.node().sendToGroup(vault, sealedGroupText);
        Await.until(WAIT, () -> bob.count(broadcast) == 1 && bob.count(openGroupText) == 1
                && bob.count(secret) == 1 && bob.count(sealedGroupText) == 1,
                "every message to arrive");

        byte[] toBob = proxy.toUpstream();
        byte[] toAlice = proxy.fromUpstream();
        for (String plain : List.of(broadcast, openGroupText, alice.name(), lobby.display())) {
            assertTrue(ByteSearch.contains(toBob, plain.getBytes(StandardCharsets.UTF_8)),
                    "'" + plain + "' in the clear");
        }
        assertTrue(ByteSearch.contains(toAlice, bob.name().getBytes(StandardCharsets.UTF_8)));
        for (String sealed : List.of(secret, sealedGroupText)) {
            byte[] bytes = sealed.getBytes(StandardCharsets.UTF_8);
            assertFalse(ByteSearch.contains(toBob, bytes) || ByteSearch.contains(toAlice, bytes),
                    "'" + sealed + "' is sealed end to end even in the open profile");
        }

        List<byte[]> framesToBob = RecordingProxy.frames(toBob);
        assertEquals(OpenLinkFrames.START, OpenLinkFrames.kind(framesToBob.get(0)),
                "the dialer opens with the open START, not a Noise key");
        assertEquals(OpenLinkFrames.HELLO,
                OpenLinkFrames.kind(RecordingProxy.frames(toAlice).get(0)));
        int packets = 0;
        for (byte[] frame : concat(framesToBob, RecordingProxy.frames(toAlice))) {
            if (PacketType.isFlooded(PacketCodec.peekType(frame))) {
                Packet p = PacketCodec.decode(frame); // plaintext: every packet decodes
                assertFalse(p.signed(), "an open node signs nothing: " + p);
                packets++;
            }
        }
        assertTrue(packets >= 8, "announces, creations, joins and four messages: " + packets);
    }

    private static List<byte[]> concat(List<byte[]> a, List<byte[]> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
