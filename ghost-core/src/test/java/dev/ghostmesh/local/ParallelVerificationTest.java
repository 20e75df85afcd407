package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeStatus;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.fixtures.ScriptedPeer;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer bursts signed broadcasts at a node far faster than one thread can check their
 * signatures. With parallel verification (the default) the node hands checks to the verifier
 * pool, and its listener and its downstream peer still see every message once, in the order
 * sent, with a forged copy among them refused; with it off, every check stays on the node thread.
 */
class ParallelVerificationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int BURST = 800; // under the default origin budget (burst 1,000)

    private final LocalNetwork network = LocalNetwork.create();
    private final Identity mallory = Identity.generate();
    private final Identity origin = Identity.generate();
    private final Random ids = new Random(11);
    private final List<MeshNode> nodes = new ArrayList<>();
    private LocalTransport rawTransport;

    @AfterEach
    void stop() {
        nodes.forEach(MeshNode::close);
        if (rawTransport != null) {
            rawTransport.close();
        }
        network.close();
    }

    private MeshNode start(String name, boolean parallel, RecordingListener events) {
        MeshNode node = MeshNode.builder().username(name).transport(network.transport(name))
                .parallelVerification(parallel).build();
        node.addListener(events);
        node.start();
        nodes.add(node);
        return node;
    }

    /** Runs the burst through target → downstream; returns the target's status after it. */
    private NodeStatus burst(boolean parallel) throws Exception {
        RecordingListener atTarget = new RecordingListener();
        RecordingListener atDownstream = new RecordingListener();
        MeshNode target = start("target", parallel, atTarget);
        MeshNode downstream = start("downstream", parallel, atDownstream);
        downstream.connect(PeerAddress.local("target")).get(5, TimeUnit.SECONDS);
        rawTransport = network.transport("peer");
        ScriptedPeer peer = new ScriptedPeer(mallory, "peer").connect(rawTransport,
                PeerAddress.local("target"));
        Await.until(WAIT, () -> target.peers().size() == 2, "the peer to be admitted");

        List<byte[]> frames = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < BURST; i++) {
            // Signed by another node and relayed by the peer: packets of the peer's own would
            // need no check (the link vouches for them), and this test is about checks.
            byte[] frame = PacketCodec.encode(origin, PacketType.BROADCAST,
                    MessageId.random(ids), 4, now, i + 1, Bodies.broadcast("m" + i));
            if (i == BURST / 2) {
                byte[] forged = frame.clone();
                forged[PacketCodec.decode(frame).signatureOffset() + 5] ^= 1;
                frames.add(forged);
            }
            frames.add(frame);
            expected.add("m" + i);
        }
        for (byte[] frame : frames) {
            assertTrue(peer.send(frame));
        }
        // Both: a node forwards a message in the same turn of its loop that it shows it, and
        // shows it at the end of that turn, once its history has it.
        Await.until(WAIT, () -> atDownstream.messages.size() >= BURST
                && atTarget.messages.size() >= BURST, "both nodes to get the whole burst");
        assertEquals(expected, texts(atTarget.messages), "each once, in the order sent");
        assertEquals(expected, texts(atDownstream.messages));
        NodeStatus status = target.status();
        assertEquals(1, status.invalidDropped(), "the forged copy");
        assertEquals(0, status.internalErrors());
        return status;
    }

    private static List<String> texts(List<Message> messages) {
        return messages.stream().map(Message::text).toList();
    }

    @Test
    void aBusyNodeChecksSignaturesOnThePoolAndDeliversInOrder() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2,
                "the verifier pool is not used on a single core");
        NodeStatus status = burst(true);
        assertTrue(status.verifiedOffThread() > 0, "checks went to the pool: " + status);
    }

    @Test
    void withParallelVerificationOffEveryCheckStaysOnTheNodeThread() throws Exception {
        NodeStatus status = burst(false);
        assertEquals(0, status.verifiedOffThread());
    }
}
