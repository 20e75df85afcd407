package dev.ghostmesh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeStatus;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.TopicBody;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

/**
 * The stage for attack scenarios: honest alice and bob, each linked only to the target, so
 * their chat flows through it; and mallory, a {@link ScriptedPeer} with her own identity that
 * speaks the real protocol to the target. After an attack a test checks that the target still
 * runs and answers, and that every honest message crossed it exactly once.
 */
public abstract class AdversaryTestBase extends MeshTestBase {
    protected TestNode alice;
    protected TestNode target;
    protected TestNode bob;
    protected final Identity malloryId = Identity.generate();
    protected final Forgery forge = new Forgery(malloryId, 7);
    /** Mallory's link to the target. */
    protected ScriptedPeer mallory;

    /** Texts sent by one honest node to the other: receiver, text. */
    private record Honest(TestNode receiver, String text) {}

    private final List<Honest> honest = new ArrayList<>();
    private int round;

    /** Builds the stage with a target of default settings. */
    protected void mesh() throws Exception {
        mesh(b -> b);
    }

    /** Builds the stage; {@code targetOptions} configures the target's builder. */
    protected void mesh(UnaryOperator<MeshNode.Builder> targetOptions) throws Exception {
        honestMesh(targetOptions);
        mallory = linkMallory("mallory", target);
        Await.until(WAIT, () -> target.node().peers().size() == 3, "mallory to be admitted");
        chat("before the attack");
    }

    /** Alice, the target and bob only, for attacks that bring their own attacker. */
    protected void honestMesh(UnaryOperator<MeshNode.Builder> targetOptions) throws Exception {
        target = start("target", targetOptions);
        alice = start("alice");
        bob = start("bob");
        link(alice, target);
        link(bob, target);
        awaitFullDirectory(alice, target, bob);
    }

    /** Links a scripted peer with mallory's identity to {@code node} over a new transport. */
    protected ScriptedPeer linkMallory(String transportName, TestNode node) throws Exception {
        return new ScriptedPeer(malloryId, "mallory").connect(rawTransport(transportName),
                addressOf(node));
    }

    /** Alice and bob each broadcast a fresh text and wait until the other has it. */
    protected void chat(String when) {
        List<Honest> sent = send(when);
        for (Honest h : sent) {
            Await.until(WAIT, () -> h.receiver().count(h.text()) >= 1,
                    () -> h.receiver().name() + " to get '" + h.text() + "', has "
                            + h.receiver().events().texts());
        }
    }

    /** Alice and bob each broadcast a fresh text, without waiting (during an attack). */
    protected void chatAsync(String when) {
        send(when);
    }

    private List<Honest> send(String when) {
        round++;
        Honest toBob = new Honest(bob, "alice to bob, " + when + " #" + round);
        Honest toAlice = new Honest(alice, "bob to alice, " + when + " #" + round);
        alice.node().broadcast(toBob.text());
        bob.node().broadcast(toAlice.text());
        honest.add(toBob);
        honest.add(toAlice);
        return List.of(toBob, toAlice);
    }

    /**
     * Sends a fresh, valid broadcast over {@code link} and waits until bob has it: a node
     * handles one link's frames in order, so everything sent before it has been handled.
     */
    protected void sync(ScriptedPeer link) {
        String marker = "mallory's marker " + System.nanoTime();
        link.send(forge.broadcast(marker));
        Await.until(WAIT, () -> bob.count(marker) == 1, "bob to get " + marker);
    }

    /**
     * The verdict after an attack: the target has no internal error and still answers, and
     * every honest text — sent before, during and after — arrived exactly once.
     */
    protected void assertTargetSurvivedAndChatFlows() throws Exception {
        chat("after the attack");
        assertEquals(0, target.node().status().internalErrors(), "target internal errors");
        assertTrue(hasPeer(target, alice) && hasPeer(target, bob), "target lost an honest peer");
        settle(target, alice, bob); // the target answers, and late duplicates have arrived
        for (Honest h : honest) {
            assertEquals(1, h.receiver().count(h.text()), () -> h.receiver().name() + " got '"
                    + h.text() + "' not once: " + h.receiver().events().texts());
            assertEquals(1, target.count(h.text()), () -> "target got '" + h.text()
                    + "' not once");
        }
    }

    /** Waits until {@code counter} of the target's status has grown by at least {@code by}. */
    protected void awaitCounter(String name, ToLongFunction<NodeStatus> counter, long before,
            long by) {
        Await.until(WAIT, () -> counter.applyAsLong(target.node().status()) >= before + by,
                () -> "target's " + name + " to grow by " + by + " from " + before + ": "
                        + target.node().status());
    }

    /**
     * The broadcast of {@code text} by {@code origin} as {@code link} received it: a TOPIC
     * message on the chat's topic.
     */
    protected static byte[] captured(ScriptedPeer link, NodeId origin, String text) {
        Await.until(WAIT, () -> find(link, origin, text) != null,
                "mallory to capture '" + text + "'");
        return find(link, origin, text);
    }

    private static byte[] find(ScriptedPeer link, NodeId origin, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        for (Packet p : link.topicPackets(ReservedTopics.CHAT)) {
            try {
                if (p.origin().equals(origin)
                        && Arrays.equals(TopicBody.decode(p).payload(), utf8)) {
                    return p.frame();
                }
            } catch (PacketDecodeException e) {
                throw new AssertionError("the target relayed a malformed packet", e);
            }
        }
        return null;
    }

    /** Decodes a frame this test made or captured. */
    protected static Packet decode(byte[] frame) {
        try {
            return PacketCodec.decode(frame);
        } catch (PacketDecodeException e) {
            throw new AssertionError(e);
        }
    }

    /** True while {@code node} has an authenticated link to mallory's identity. */
    protected boolean linkedToMallory(TestNode node) {
        return node.node().peers().stream().anyMatch(p -> p.id().equals(malloryId.id()));
    }
}
