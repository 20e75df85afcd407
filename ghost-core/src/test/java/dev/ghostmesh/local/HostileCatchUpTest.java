package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.fixtures.ScriptedPeer;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.SyncFrames;
import dev.ghostmesh.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that abuses catch-up gets its budget and no more: requests for packets the node does
 * not hold get nothing, the same packets asked for over and over (30,000 of them, 6 MB) are
 * sent at most the answer budget's burst plus its rate in bytes, malformed catch-up frames are counted and dropped, and the node
 * goes on with its chat.
 */
class HostileCatchUpTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final LocalNetwork network = LocalNetwork.create();
    private final List<MeshNode> nodes = new ArrayList<>();
    private LocalTransport raw;

    @AfterEach
    void stop() {
        nodes.forEach(MeshNode::close);
        if (raw != null) {
            raw.close();
        }
        network.close();
    }

    @Test
    void repeatedRequestsAreAnsweredWithinTheBudgetAndJunkIsDropped() throws Exception {
        MeshNode node = MeshNode.builder().username("victim").transport(network.transport("v"))
                .build().start();
        nodes.add(node);
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(node.broadcast("kept " + i).get(5, TimeUnit.SECONDS));
        }
        raw = network.transport("mallory");
        ScriptedPeer mallory = new ScriptedPeer(Identity.generate(), "mallory")
                .connect(raw, PeerAddress.local("v"));
        Await.until(WAIT, () -> node.peers().size() == 1, "mallory linked");
        Await.until(WAIT, () -> mallory.count(PacketType.SYNC_SUMMARY) >= 1,
                "the node's summary on the new link");

        long[] seqs = new long[1000];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = i; // numbers it does not hold, in the main
        }
        long invalidBefore = node.status().invalidDropped();
        assertTrue(mallory.send(SyncFrames.want(node.id(), seqs)));
        assertTrue(mallory.send(HexFormat.of().parseHex("930149c0"))); // a packet that is nil
        assertTrue(mallory.send(HexFormat.of().parseHex("9401489000"))); // a want gone wrong

        // Its real numbers, asked for 1,500 times: 30,000 packets wanted.
        SyncFrames.Seqs held = held(node, mallory);
        for (int i = 0; i < 1_500; i++) {
            assertTrue(mallory.send(SyncFrames.want(node.id(), held.seqs())));
        }
        long start = System.nanoTime();
        // The node answers requests in order on one link: the PONG to a PING sent after the
        // last request comes after every packet it sent in answer.
        long pongs = mallory.count(PacketType.PONG);
        assertTrue(mallory.send(LinkFrames.keepalive(PacketType.PING)));
        Await.until(WAIT, () -> mallory.count(PacketType.PONG) > pongs,
                "every answer, then the PONG");
        long answered = 0;
        for (byte[] f : mallory.frames) {
            if (f.length > 2 && f[2] == PacketType.SYNC_PACKET) {
                answered += SyncFrames.decodePacket(f).length; // the packet, not its wrapper
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(node.status().rateLimited() > 0, "the budget ran out");
        long mib = 1 << 20;
        assertTrue(answered <= mib + mib * (seconds + 1), answered + " bytes sent in "
                + seconds + " s");
        assertTrue(answered >= mib - 1_000, "the burst was answered: " + answered + " bytes");
        assertEquals(invalidBefore + 2, node.status().invalidDropped(), "the two junk frames");
        assertEquals(1, node.peers().size(), "catch-up frames are not strikes");
        assertTrue(node.broadcast("still here").get(5, TimeUnit.SECONDS) != null);
    }

    /** Asks the node for its numbers of its own packets, as a peer would after a summary. */
    private static SyncFrames.Seqs held(MeshNode node, ScriptedPeer mallory) throws Exception {
        int before = mallory.frames.size();
        mallory.send(SyncFrames.seqs(0, node.id(), new long[0], false));
        Await.until(WAIT, () -> mallory.count(PacketType.SYNC_SEQS) >= 1, "its numbers");
        for (byte[] f : mallory.frames.subList(before, mallory.frames.size())) {
            if (f.length > 2 && f[2] == PacketType.SYNC_SEQS) {
                SyncFrames.Seqs s = SyncFrames.decodeSeqs(f);
                assertEquals(20, s.seqs().length, "its 20 broadcasts");
                return s;
            }
        }
        throw new AssertionError("no SYNC_SEQS among " + mallory.frames.size() + " frames");
    }
}
