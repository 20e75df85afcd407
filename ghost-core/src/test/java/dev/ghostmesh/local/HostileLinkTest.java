package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.PeerAddress;
import dev.ghostmesh.spi.TransportContext;
import dev.ghostmesh.testing.Await;
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
    static final class RawEndpoint implements TransportContext {
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
            return PacketCodec.MAX_FRAME_BYTES;
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
        honest.connect(new PeerAddress("target", LocalTransport.PORT)).get(5, TimeUnit.SECONDS);
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
        return rawTransport.dial(new PeerAddress("target", LocalTransport.PORT))
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
    void forgedAuthIsRejected() throws Exception {
        Link link = dialRaw();
        Await.until(WAIT, () -> !raw.frames.isEmpty(), "node's HELLO");
        Identity claimed = Identity.generate();
        Identity impostor = Identity.generate();
        byte[] hello = LinkFrames.hello(claimed, "claimed", 0, new byte[32]);
        link.send(hello);
        // Signed by a different key than the one the HELLO claims.
        link.send(LinkFrames.auth(impostor, hello, raw.frames.get(0)));
        Await.until(WAIT, () -> raw.down, "node to reject the forged AUTH");
        assertEquals(1, node.peers().size(), "no peer admitted under the claimed id");
        assertNodeStillServesHonestPeers();
    }

    @Test
    void authenticatedPeerSendingMalformedPacketsIsDroppedAndCountedWhileChatFlows()
            throws Exception {
        Link link = dialRaw();
        Await.until(WAIT, () -> !raw.frames.isEmpty(), "node's HELLO");
        Identity mallory = Identity.generate();
        byte[] hello = LinkFrames.hello(mallory, "mallory", 0, new byte[32]);
        link.send(hello);
        link.send(LinkFrames.auth(mallory, hello, raw.frames.get(0)));
        Await.until(WAIT, () -> node.peers().size() == 2, "mallory to be admitted");
        long before = node.status().invalidDropped();
        byte[] bad = PacketCodec.encode(mallory, PacketType.BROADCAST,
                MessageId.random(new Random(2)), 4, System.currentTimeMillis(), 1,
                new byte[] {(byte) 0x91, (byte) 0xa1, (byte) 0xff}); // invalid UTF-8
        link.send(bad);
        link.send(new byte[] {(byte) 0x9a, 1, 2, 3});
        byte[] good = PacketCodec.encode(mallory, PacketType.BROADCAST,
                MessageId.random(new Random(3)), 4, System.currentTimeMillis(), 2,
                Bodies.broadcast("valid after garbage"));
        link.send(good);
        Await.until(WAIT, () -> honestEvents.count("valid after garbage") == 1,
                "the valid packet to be relayed to the honest peer");
        assertEquals(before + 2, node.status().invalidDropped());
        assertNodeStillServesHonestPeers();
    }
}
