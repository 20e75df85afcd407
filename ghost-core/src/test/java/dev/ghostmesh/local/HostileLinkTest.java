package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.fixtures.ScriptedPeer;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.TransportContext;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.ContextLoop;
import dev.ghostmesh.testing.RecordingListener;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A raw endpoint that speaks frames directly to a node: garbage, protocol violations, forged
 * handshakes and silence. The node must drop, count, close the offending link, and keep serving
 * honest peers.
 */
class HostileLinkTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final LocalNetwork network = LocalNetwork.create();
    private MeshNode node;
    private MeshNode honest;
    private RecordingListener honestEvents;
    private final RawEndpoint raw = new RawEndpoint();
    private LocalTransport rawTransport;

    /** Records what the node sends to the raw endpoint. */
    static final class RawEndpoint extends ContextLoop.Looped {
        final List<byte[]> frames = new CopyOnWriteArrayList<>();
        volatile Link link;
        volatile boolean down;

        @Override
        public void onLinkUp(Link l) {
            link = l;
        }

        @Override
        public void onFrame(Link l, byte[] frame) {
            frames.add(frame);
        }

        @Override
        public void onLinkDown(Link l, Throwable cause) {
            down = true;
        }

        @Override
        public int maxFrameSize() {
            return dev.ghostmesh.internal.crypto.NoiseHandshake.MAX_MESSAGE;
        }
    }

    @BeforeEach
    void startNodes() throws Exception {
        node = MeshNode.builder().username("target").transport(network.transport("target"))
                .handshakeTimeout(Duration.ofMillis(300)).build();
        node.start();
        honest = MeshNode.builder().username("honest").transport(network.transport("honest"))
                .build();
        honestEvents = new RecordingListener();
        honest.addListener(honestEvents);
        honest.start();
        honest.connect(PeerAddress.local("target")).get(5, TimeUnit.SECONDS);
        rawTransport = network.transport("raw");
        rawTransport.start(raw);
    }

    @AfterEach
    void stop() {
        node.close();
        honest.close();
        rawTransport.close();
        network.close();
        assertEquals(0, node.status().internalErrors());
    }

    private Link dialRaw() throws Exception {
        return rawTransport.dial(PeerAddress.local("target"))
                .get(5, TimeUnit.SECONDS);
    }

    private void assertNodeStillServesHonestPeers() throws Exception {
        String text = "still alive " + System.nanoTime();
        node.broadcast(text).get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> honestEvents.count(text) == 1, "honest peer to get " + text);
    }

    @Test
    void garbageBeforeTheHandshakeClosesOnlyThatLink() throws Exception {
        Link link = dialRaw();
        link.send(new byte[] {(byte) 0xc1, 0, 0});
        Await.until(WAIT, () -> raw.down, "node to close the garbage link");
        assertEquals(1, node.peers().size());
        assertTrue(node.status().invalidDropped() >= 1);
        assertNodeStillServesHonestPeers();
    }

    @Test
    void silentLinkIsClosedAtTheHandshakeTimeout() throws Exception {
        dialRaw();
        Await.until(WAIT, () -> raw.down, "node to give up on a silent link");
        assertNodeStillServesHonestPeers();
    }

    @Test
    void packetsBeforeAuthenticationCloseTheLink() throws Exception {
        Link link = dialRaw();
        Identity mallory = Identity.generate();
        link.send(PacketCodec.encode(mallory, PacketType.BROADCAST,
                MessageId.random(new Random(1)), 4, System.currentTimeMillis(), 1,
                Bodies.broadcast("sneaky")));
        Await.until(WAIT, () -> raw.down, "node to close an unauthenticated sender");
        assertEquals(0, honestEvents.count("sneaky"));
        assertNodeStillServesHonestPeers();
    }

    @Test
    void anIdentityPayloadNotSignedForThisLinksKeyIsRejected() throws Exception {
        Identity claimed = Identity.generate();
        ScriptedPeer impostor = new ScriptedPeer(Identity.generate(), "impostor");
        // Claims another identity: its payload is signed by that identity, but over that
        // identity's static key, not the impostor's, which is what Noise authenticated.
        impostor.payloadOverride(LinkFrames.handshakePayload(claimed, "claimed", 0));
        impostor.dial(network.transport("impostor"), PeerAddress.local("target"));
        Await.until(WAIT, impostor::down, "node to reject the forged identity");
        assertEquals(1, node.peers().size(), "no peer admitted under the claimed id");
        assertTrue(node.status().invalidDropped() >= 1);
        assertNodeStillServesHonestPeers();
    }

    @Test
    void aPayloadInTheFirstHandshakeMessageIsRefused() throws Exception {
        Link link = dialRaw();
        // 32 bytes of "ephemeral key" then plaintext: the first message must carry nothing.
        byte[] first = new byte[40];
        first[0] = 9;
        link.send(first);
        Await.until(WAIT, () -> raw.down, "node to close the link");
        assertTrue(raw.frames.isEmpty(), "the node must not answer it");
        assertTrue(node.status().invalidDropped() >= 1);
    }

    @Test
    void plaintextAfterTheHandshakeClosesTheLinkWhileChatFlows() throws Exception {
        Identity mallory = Identity.generate();
        ScriptedPeer peer = new ScriptedPeer(mallory, "mallory").connect(
                network.transport("mallory"), PeerAddress.local("target"));
        Await.until(WAIT, () -> node.peers().size() == 2, "mallory to be admitted");
        peer.sendRaw(PacketCodec.encode(mallory, PacketType.BROADCAST,
                MessageId.random(new Random(5)), 4, System.currentTimeMillis(), 1L,
                Bodies.broadcast("in the clear")));
        Await.until(WAIT, peer::down, "node to close a link that sends plaintext");
        assertEquals(0, honestEvents.count("in the clear"));
        assertNodeStillServesHonestPeers();
    }

    @Test
    void authenticatedPeerSendingMalformedPacketsIsDroppedAndCountedWhileChatFlows()
            throws Exception {
        Identity mallory = Identity.generate();
        ScriptedPeer peer = new ScriptedPeer(mallory, "mallory").connect(
                network.transport("mallory"), PeerAddress.local("target"));
        Await.until(WAIT, () -> node.peers().size() == 2, "mallory to be admitted");
        long before = node.status().invalidDropped();
        byte[] bad = PacketCodec.encode(mallory, PacketType.BROADCAST,
                MessageId.random(new Random(2)), 4, System.currentTimeMillis(), 1,
                new byte[] {(byte) 0x91, (byte) 0xa1, (byte) 0xff}); // invalid UTF-8
        peer.send(bad);
        peer.send(new byte[] {(byte) 0x9a, 1, 2, 3});
        byte[] good = PacketCodec.encode(mallory, PacketType.BROADCAST,
                MessageId.random(new Random(3)), 4, System.currentTimeMillis(), 2,
                Bodies.broadcast("valid after garbage"));
        peer.send(good);
        Await.until(WAIT, () -> honestEvents.count("valid after garbage") == 1,
                "the valid packet to be relayed to the honest peer");
        assertEquals(before + 2, node.status().invalidDropped());
        assertFalse(peer.down());
        assertNodeStillServesHonestPeers();
    }

    @Test
    void handshakesInProgressAreCappedPerHostAndTheRestRefusedAtOnce() throws Exception {
        java.util.concurrent.atomic.AtomicInteger up = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger down =
                new java.util.concurrent.atomic.AtomicInteger();
        LocalTransport crowd = network.transport("crowd");
        crowd.start(new ContextLoop.Looped() {
            @Override
            public void onLinkUp(Link l) {
                up.incrementAndGet();
            }

            @Override
            public void onFrame(Link l, byte[] frame) {}

            @Override
            public void onLinkDown(Link l, Throwable cause) {
                down.incrementAndGet();
            }

            @Override
            public int maxFrameSize() {
                return dev.ghostmesh.internal.crypto.NoiseHandshake.MAX_MESSAGE;
            }
        });
        MeshNode capped = MeshNode.builder().username("capped")
                .transport(network.transport("capped")).handshakeTimeout(Duration.ofSeconds(3))
                .build();
        capped.start();
        try {
            // Twenty silent links from one host: the node takes 8 into the handshake (its
            // per-host cap) and closes the other 12 as they come, long before the timeout.
            for (int i = 0; i < 20; i++) {
                crowd.dial(PeerAddress.local("capped"))
                        .get(5, TimeUnit.SECONDS);
            }
            Await.until(WAIT, () -> down.get() >= 12, "the node to refuse links over its cap");
            assertEquals(20, up.get());
            assertEquals(12, down.get(), "the 8 within the cap wait for the 3 s timeout");
            // The ones it took are closed at the handshake timeout.
            Await.until(WAIT, () -> down.get() == 20, "the silent handshakes to time out");
            assertEquals(0, capped.peers().size());
        } finally {
            crowd.close();
            capped.close();
        }
    }
}
