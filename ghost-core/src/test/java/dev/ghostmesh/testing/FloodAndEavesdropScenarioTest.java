package dev.ghostmesh.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeStatus;
import dev.ghostmesh.internal.codec.DirectBody;
import dev.ghostmesh.internal.codec.DirectContent;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketDecodeException;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.crypto.PrivateBox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The two attacks of issue 5 that are about volume and secrecy rather than malformed input: a
 * peer flooding the target far beyond its rate limit, and a relay plus an eavesdropping peer in
 * the path of a private conversation. Run on every transport.
 */
public abstract class FloodAndEavesdropScenarioTest extends AdversaryTestBase {
    /** Distinct packets mallory signs for a flood: more than the target's default burst. */
    private static final int DISTINCT_PACKETS = 12_000;
    private static final Duration FLOOD_LIMIT = Duration.ofSeconds(60);
    private static final long CHAT_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    @Test
    void aPeerSendingTenThousandPacketsASecondIsCutOffAndBanned() throws Exception {
        mesh(); // default limits
        byte[][] packets = presign(DISTINCT_PACKETS);
        NodeStatus before = target.node().status();
        long start = System.nanoTime();
        String flood = flood(packets, 10_000);
        double seconds = (System.nanoTime() - start) / 1e9;
        NodeStatus after = target.node().status();
        long dropped = after.rateLimited() + after.inboundDropped() - before.rateLimited()
                - before.inboundDropped();
        assertTrue(dropped > 0, () -> "over-limit frames dropped and counted; " + flood);
        // Whatever got through the link's budget met mallory's origin budget (burst 1,000,
        // 500/s): that is all the target relayed of her flood.
        long relayed = bob.events().messages.stream()
                .filter(m -> m.text().startsWith("flood ")).count();
        assertTrue(relayed <= 1_000 + 500 * (seconds + 1), () -> relayed + " relayed; " + flood);
        assertBannedWhileChatFlows(after);
    }

    @Test
    void aPeerOverItsLinkRateLimitEarnsStrikesAndIsBanned() throws Exception {
        // A burst of 1,000 instead of 10,000, so three strikes take a fraction of a second.
        mesh(b -> b.linkRateLimit(2_000, 1_000));
        byte[][] packets = presign(100); // repeats are cheap to refuse: no backlog builds up
        NodeStatus before = target.node().status();
        String flood = flood(packets, 10_000);
        NodeStatus after = target.node().status();
        assertTrue(after.rateLimited() - before.rateLimited() >= 3 * 1_000,
                () -> "three strikes, each a whole burst over the limit; " + flood + ", " + after);
        assertEquals(before.inboundDropped(), after.inboundDropped(), "the rate limit did it");
        assertBannedWhileChatFlows(after);
    }

    @Test
    void aPeerFloodingFasterThanTheTargetCanTakeFramesIsCutOffAndBanned() throws Exception {
        mesh(); // default limits
        byte[][] packets = presign(DISTINCT_PACKETS);
        NodeStatus before = target.node().status();
        String flood = flood(packets, 0);
        NodeStatus after = target.node().status();
        if (framesWaitInAnIntakeQueue()) {
            assertTrue(after.inboundDropped() > before.inboundDropped(),
                    () -> "it overran its share of the inbound queue; " + flood + ", " + after);
        } else {
            assertTrue(after.rateLimited() > before.rateLimited(),
                    () -> "the rate limit cut it off; " + flood + ", " + after);
            assertEquals(before.inboundDropped(), after.inboundDropped(), "no queue overran");
        }
        assertBannedWhileChatFlows(after);
    }

    /**
     * Whether the transport hands frames to the node from its own threads, through the node's
     * bounded intake queue (TCP), rather than on the node's loop as they arrive.
     */
    protected boolean framesWaitInAnIntakeQueue() {
        return true;
    }

    /**
     * Mallory's packets, signed before the flood starts (her cost, ~45 µs each). Beyond these
     * she repeats them: a frame over the link's budget is dropped before it is decoded, so
     * there a repeat costs the target what a new packet would; within the budget a repeat
     * stops at the seen check.
     */
    private byte[][] presign(int count) {
        byte[][] packets = new byte[count][];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = forge.broadcast("flood " + i);
        }
        return packets;
    }

    /**
     * Sends {@code packets} round and round, {@code perSecond} a second (0: as fast as the link
     * takes them), until the target closes the link, while alice and bob chat; returns what
     * was sent, for messages.
     */
    private String flood(byte[][] packets, int perSecond) {
        long start = System.nanoTime();
        long nextChat = start;
        long sent = 0;
        while (!mallory.down()) {
            long now = System.nanoTime();
            if (now - nextChat > 0) {
                chatAsync("during the flood");
                nextChat = now + CHAT_EVERY_NANOS;
            }
            if (now - start > FLOOD_LIMIT.toNanos()) {
                throw new AssertionError("mallory still linked after " + sent + " packets: "
                        + target.node().status());
            }
            long due = perSecond == 0 ? now : start + sent * 1_000_000_000L / perSecond;
            if (due - now > 0) {
                LockSupport.parkNanos(due - now); // the pace is the attack, not a wait
            } else if (mallory.send(packets[(int) (sent % packets.length)])) {
                sent++;
            } else {
                Thread.onSpinWait(); // the link's queue is full: as fast as it takes them
            }
        }
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return sent + " packets in " + millis + " ms (" + sent * 1000 / millis + "/s)";
    }

    /** Mallory is off the target and refused when she comes back; the chat went on. */
    private void assertBannedWhileChatFlows(NodeStatus afterFlood) throws Exception {
        Await.until(WAIT, () -> !linkedToMallory(target), "the target to drop mallory");
        ScriptedPeer back = new ScriptedPeer(malloryId, "mallory");
        back.dial(rawTransport("mallory-back"), addressOf(target));
        Await.until(WAIT, back::down, "the target to refuse mallory's new link");
        assertFalse(back.ready());
        assertEquals(afterFlood.linksRefused() + 1, target.node().status().linksRefused());
        assertFalse(linkedToMallory(target));
        assertTargetSurvivedAndChatFlows();
    }

    @Test
    void aRelayAndAnEavesdroppingPeerCannotReadAPrivateMessage() throws Exception {
        mesh();
        ScriptedPeer eavesdropper = linkMallory("mallory-at-alice", alice);
        Await.until(WAIT, () -> linkedToMallory(alice), "alice to admit mallory");
        String secret = "the vault code is 7-3-9, tell no one";
        byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);

        Message sent = alice.node().sendPrivate(bob.node().id(), secret)
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        chatAsync("while the secret travels");
        Await.until(WAIT, () -> bob.count(secret) == 1, "bob to get the private message");
        Await.until(WAIT, () -> alice.events().delivered.stream()
                .anyMatch(m -> m.id().equals(sent.id())), "alice to hear it was delivered");
        Message got = only(bob, secret);
        assertEquals(MessageKind.PRIVATE, got.kind());
        assertEquals(alice.node().id(), got.sender());
        assertEquals(0, target.count(secret), "the relay does not show it");

        // The box went along the route, alice -> target -> bob: mallory, linked to alice and
        // to the target but on no route, got no copy at all.
        settle(alice, target, bob);
        assertNull(directPacket(eavesdropper, bob), "mallory got a routed box");
        assertNull(directPacket(mallory, bob), "mallory got a routed box");

        // With its only route gone, alice floods the next message: now mallory gets the box,
        // and neither she nor the relay can open it.
        alice.node().disconnectAndBlock(target.node().id())
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> !hasPeer(alice, target), "alice to drop the target");
        String second = "and the alarm code is 4-4-1";
        alice.node().sendPrivate(bob.node().id(), second).get(WAIT.toMillis(),
                TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> directPacket(eavesdropper, bob) != null, "mallory to get the box");
        for (ScriptedPeer link : List.of(eavesdropper, mallory)) {
            for (byte[] frame : link.frames) {
                assertFalse(ByteSearch.contains(frame, secretBytes), "plaintext on a link");
                assertFalse(ByteSearch.contains(frame, second.getBytes(StandardCharsets.UTF_8)),
                        "plaintext on a link");
            }
        }
        Packet p = decode(directPacket(eavesdropper, bob));
        DirectBody body = DirectBody.decode(p);
        assertTrue(body.flood(), "no route: flooded");
        byte[] context = context(p.id(), p.origin(), body.target());
        for (Identity reader : List.of(malloryId, target.node().identity())) {
            assertThrows(CryptoException.class, () -> PrivateBox.open(reader, body.senderKey(),
                    body.ephemeral(), context, body.sealed()), "opened by " + reader);
        }
        // The same bytes do open for bob: what mallory holds is the real message.
        byte[] plain = PrivateBox.open(bob.node().identity(), body.senderKey(),
                body.ephemeral(), context, body.sealed());
        DirectContent.Message opened = (DirectContent.Message) DirectContent.decode(plain);
        assertEquals("ghost/chat", opened.topic());
        assertArrayEquals(second.getBytes(StandardCharsets.UTF_8), opened.payload());
        alice.node().connect(addressOf(target)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> hasPeer(alice, target), "alice to link the target again");
        assertTargetSurvivedAndChatFlows();
    }

    /** The first DIRECT packet for {@code to} that {@code link} received, or null. */
    private static byte[] directPacket(ScriptedPeer link, TestNode to) {
        for (byte[] frame : link.frames) {
            if (PacketCodec.peekType(frame) == PacketType.DIRECT) {
                try {
                    if (DirectBody.decode(decode(frame)).target().equals(to.node().id())) {
                        return frame;
                    }
                } catch (PacketDecodeException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return null;
    }

    /** What a private box's AEAD binds (as PrivateMessaging builds it): id, origin, target. */
    private static byte[] context(MessageId id, NodeId origin, NodeId target) {
        byte[] c = new byte[MessageId.LENGTH + 2 * NodeId.LENGTH];
        id.writeTo(c, 0);
        origin.writeTo(c, MessageId.LENGTH);
        target.writeTo(c, MessageId.LENGTH + NodeId.LENGTH);
        return c;
    }
}
