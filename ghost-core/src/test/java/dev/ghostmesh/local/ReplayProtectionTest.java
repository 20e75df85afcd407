package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.fixtures.ScriptedPeer;
import dev.ghostmesh.internal.codec.AnnounceBody;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.RecordingListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mallory, an authenticated peer, replays her own signed packets and back- or forward-dates
 * them. The target (a 16-entry seen cache, a one-minute clock skew) must refuse and count what
 * the protocol refuses, relay none of it to its honest peer, and still accept state packets.
 */
class ReplayProtectionTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final long MINUTE = 60_000;

    private final LocalNetwork network = LocalNetwork.create();
    private final Identity mallory = Identity.generate();
    private final Random ids = new Random(9);
    private MeshNode target;
    private MeshNode honest;
    private RecordingListener honestEvents;
    private LocalTransport rawTransport;
    private ScriptedPeer link;
    private long seq;

    @BeforeEach
    void linkMalloryToTheTarget() throws Exception {
        target = MeshNode.builder().username("target").transport(network.transport("target"))
                .seenCacheCapacity(16).maxClockSkew(Duration.ofMinutes(1)).build();
        target.start();
        honest = MeshNode.builder().username("honest").transport(network.transport("honest"))
                .build();
        honestEvents = new RecordingListener();
        honest.addListener(honestEvents);
        honest.start();
        honest.connect(PeerAddress.local("target")).get(5, TimeUnit.SECONDS);
        // Honest's announce must be handled before mallory links: handled later, the target
        // would relay it to her, and the tests' relay counts would be one too high. Honest sends
        // it first on the link, so once the target has a later broadcast, it has the announce.
        RecordingListener targetEvents = new RecordingListener();
        target.addListener(targetEvents);
        honest.broadcast("honest is here").get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> targetEvents.count("honest is here") == 1,
                "the target to hear from honest");
        rawTransport = network.transport("mallory");
        link = new ScriptedPeer(mallory, "mallory").connect(rawTransport,
                PeerAddress.local("target"));
        Await.until(WAIT, () -> target.peers().size() == 2, "mallory to be admitted");
    }

    @AfterEach
    void stop() {
        target.close();
        honest.close();
        rawTransport.close();
        network.close();
        assertEquals(0, target.status().internalErrors());
    }

    private byte[] signed(int type, long timestamp, byte[] body) {
        return PacketCodec.encode(mallory, type, MessageId.random(ids), 8, timestamp, seq++,
                body);
    }

    private byte[] broadcast(String text, long timestamp) {
        return signed(PacketType.BROADCAST, timestamp, Bodies.broadcast(text));
    }

    private byte[] announce(String username, long timestamp) {
        return signed(PacketType.ANNOUNCE, timestamp, new AnnounceBody(username,
                mallory.codename(), 0, List.of(), List.of(), mallory.agreementPublicKey()).encode());
    }

    /**
     * Sends a fresh broadcast and waits until the honest peer has it: the target handles one
     * link's frames in order, so everything sent before has been handled (and relayed) by then.
     */
    private void sync() {
        String marker = "marker " + seq;
        link.send(broadcast(marker, System.currentTimeMillis()));
        Await.until(WAIT, () -> honestEvents.count(marker) == 1, "honest to get " + marker);
    }

    private Optional<NodeInfo> malloryAtTarget() {
        return target.nodes().stream().filter(n -> n.id().equals(mallory.id())).findFirst();
    }

    @Test
    void aBroadcastReplayedAfterTheSeenCacheForgotItIsRefusedButStatePacketsAreNot() {
        long now = System.currentTimeMillis();
        byte[] announce = announce("mallory", now);
        byte[] original = broadcast("original", now);
        link.send(announce);
        link.send(original);
        for (int i = 0; i < 20; i++) {
            link.send(broadcast("filler " + i, now)); // pushes both ids out of the seen cache
        }
        sync();
        long relayed = target.status().packetsRelayed();
        link.send(original);
        link.send(announce);
        sync();
        assertEquals(relayed + 2, target.status().packetsRelayed(),
                "relayed: the re-sent announce and the marker, not the replayed broadcast");
        assertEquals(1, honestEvents.count("original"));
        assertEquals(1, target.status().replayedDropped(),
                "the broadcast is refused as a replay, the re-sent announce is not");
        assertEquals(0, target.status().staleDropped());
    }

    @Test
    void packetsDatedBeyondTheSkewAreRefusedExceptPastStatePackets() {
        long now = System.currentTimeMillis();
        long relayed = target.status().packetsRelayed();
        link.send(broadcast("from the future", now + 2 * MINUTE));
        link.send(announce("future-mallory", now + 2 * MINUTE));
        link.send(broadcast("old news", now - 2 * MINUTE));
        link.send(announce("past-mallory", now - 2 * MINUTE));
        sync();
        assertEquals(3, target.status().staleDropped());
        assertEquals(relayed + 2, target.status().packetsRelayed(),
                "relayed: the past announce and the marker");
        assertEquals(0, honestEvents.count("from the future"));
        assertEquals(0, honestEvents.count("old news"));
        assertEquals("past-mallory", malloryAtTarget().orElseThrow().username(),
                "an old announce is state: accepted");
        assertEquals(0, target.status().replayedDropped());
    }

    @Test
    void aGoodbyeOlderThanTheNodesLatestPacketDoesNotRemoveIt() {
        long now = System.currentTimeMillis();
        link.send(announce("mallory", now));
        // A goodbye from an earlier run, replayed after every seen cache forgot it.
        link.send(signed(PacketType.GOODBYE, now - 10_000, Bodies.goodbye()));
        sync();
        assertTrue(malloryAtTarget().isPresent(), "mallory is alive: her announce is newer");
        link.send(signed(PacketType.GOODBYE, System.currentTimeMillis() + 1, Bodies.goodbye()));
        Await.until(WAIT, () -> malloryAtTarget().isEmpty(), "a real goodbye to count");
    }
}
