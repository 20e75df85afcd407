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
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.ByteSearch;
import dev.ghostmesh.testing.MeshTestBase;
import dev.ghostmesh.testing.MeshTransports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A wiretap between two nodes: everything they say — names, a group, a broadcast, a private
 * message, a group message — is delivered, and none of it, nor who they are, is in the bytes
 * the TCP connection carried.
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
            secrets.put(n.name() + "'s id", id.nodeId().bytes());
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

    private static List<byte[]> concat(List<byte[]> a, List<byte[]> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
