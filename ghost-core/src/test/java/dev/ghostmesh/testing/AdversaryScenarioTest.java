package dev.ghostmesh.testing;

import static dev.ghostmesh.testing.Forgery.claimsAll;
import static dev.ghostmesh.testing.Forgery.claimsMaxInt;
import static dev.ghostmesh.testing.Forgery.concat;
import static dev.ghostmesh.testing.Forgery.nested;
import static dev.ghostmesh.testing.Forgery.withByte;
import static dev.ghostmesh.testing.Forgery.withExtension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.Identity;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeStatus;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.GroupBodies;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.crypto.LinkCipher;
import dev.ghostmesh.internal.crypto.NoiseHandshake;
import dev.ghostmesh.spi.Transport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's attacks by a peer that speaks the real protocol, each against the target in the
 * middle of an honest conversation (see {@link AdversaryTestBase}): the target must drop and
 * count what is wrong, close only the offending link where the protocol says so, and go on
 * relaying alice's and bob's chat exactly once. Run on every transport.
 */
public abstract class AdversaryScenarioTest extends AdversaryTestBase {
    private static final byte[][] INVALID_UTF8 = {
        {(byte) 0xc3, 0x28},                                  // bad continuation byte
        {(byte) 0xc0, (byte) 0xaf},                           // overlong '/'
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80},              // a UTF-16 surrogate
        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
        {(byte) 0xff},
    };

    @Test
    void packetsWithAForgedOriginAreDroppedAndCounted() throws Exception {
        mesh();
        long invalid = target.node().status().invalidDropped();
        NodeId aliceId = alice.node().id();
        // Alice's id with mallory's key: the id is not the hash of the key it comes with.
        mallory.send(forge.claiming(aliceId, malloryId.publicKey(), PacketType.BROADCAST,
                Bodies.broadcast("forged: alice's id, mallory's key")));
        chatAsync("during the forgeries");
        // Alice's id and key, signed by mallory.
        mallory.send(forge.claiming(aliceId, alice.node().identity().publicKey(),
                PacketType.BROADCAST, Bodies.broadcast("forged: signed by mallory as alice")));
        sync(mallory);

        assertEquals(invalid + 2, target.node().status().invalidDropped());
        assertEquals(0, bob.count("forged: alice's id, mallory's key"));
        assertEquals(0, bob.count("forged: signed by mallory as alice"));
        assertEquals(0, target.count("forged: signed by mallory as alice"));
        assertTrue(linkedToMallory(target), "a dropped packet does not cost the link");
        assertTargetSurvivedAndChatFlows();
    }

    @Test
    void aReplayedPacketIsADuplicateAndAfterTheSeenCacheForgetsItARefusedReplay()
            throws Exception {
        mesh(b -> b.seenCacheCapacity(16));
        String text = "alice's words, worth replaying";
        alice.node().broadcast(text);
        byte[] copy = captured(mallory, alice.node().id(), text);
        NodeStatus before = target.node().status();

        mallory.send(copy); // at once: the id is still in the target's seen cache
        sync(mallory);
        assertEquals(before.duplicatesDropped() + 1, target.node().status().duplicatesDropped());

        for (int i = 0; i < 20; i++) {
            mallory.send(forge.broadcast("filler " + i)); // pushes alice's id out of the cache
        }
        chat("during the replay");
        sync(mallory);
        long relayed = target.node().status().packetsRelayed();
        mallory.send(copy);
        sync(mallory);
        NodeStatus after = target.node().status();
        assertEquals(before.replayedDropped() + 1, after.replayedDropped());
        assertEquals(relayed + 1, after.packetsRelayed(), "relayed: only the marker");
        assertEquals(1, bob.count(text));
        assertTargetSurvivedAndChatFlows();
    }

    @Test
    void aRaisedTtlIsMalformedAndAnEditedOriginTtlBreaksTheSignature() throws Exception {
        mesh();
        String text = "alice, relayed once";
        alice.node().broadcast(text);
        byte[] relayedCopy = captured(mallory, alice.node().id(), text);
        Packet relayed = decode(relayedCopy);
        // Another node's packet that mallory relays: one of her own would need no signature
        // check at target (her link vouches for it), so its edited origin TTL would go unseen
        // there and only fail one hop further on (PROTOCOL.md, "Where signatures are verified").
        byte[] genuine = new Forgery(Identity.generate(), 8).signed(PacketType.BROADCAST, 4,
                Bodies.broadcast("ttl 4 probe"));
        Packet p = decode(genuine);
        int originTtlAt = p.keyOffset() + 32; // a fixint right after the origin's key
        long invalid = target.node().status().invalidDropped();

        mallory.send(withByte(relayedCopy, relayed.ttlOffset(), relayed.originTtl() + 1));
        mallory.send(withByte(genuine, p.ttlOffset(), 5));
        mallory.send(withByte(withByte(genuine, originTtlAt, 8), p.ttlOffset(), 8));
        chatAsync("during the ttl forgeries");
        mallory.send(genuine); // the forged copies must not have blocked the genuine packet
        Await.until(WAIT, () -> bob.count("ttl 4 probe") == 1, "bob to get the genuine packet");

        assertEquals(invalid + 3, target.node().status().invalidDropped());
        assertEquals(2, only(bob, "ttl 4 probe").hops(), "origin ttl 4, one relay");
        assertEquals(1, bob.count(text));
        assertTargetSurvivedAndChatFlows();
    }

    @Test
    void theLargestFramesFullOfGarbageAreDroppedAndGarbageOutsideTheCipherClosesTheLink()
            throws Exception {
        mesh();
        Random random = new Random(4);
        long invalid = target.node().status().invalidDropped();
        byte[] likeAPacket = new byte[LinkCipher.MAX_PLAINTEXT];
        random.nextBytes(likeAPacket);
        likeAPacket[0] = (byte) 0x9b; // [1, BROADCAST, garbage...]: routed, then malformed
        likeAPacket[1] = 1;
        likeAPacket[2] = PacketType.BROADCAST;
        mallory.send(likeAPacket);
        chatAsync("during the garbage");
        sync(mallory);
        assertEquals(invalid + 1, target.node().status().invalidDropped());
        assertTrue(linkedToMallory(target), "a malformed packet is a strike, not the end");

        byte[] notAFrame = new byte[LinkCipher.MAX_PLAINTEXT];
        random.nextBytes(notAFrame);
        notAFrame[0] = (byte) 0xc1; // not even a frame of this protocol: a strike as well
        mallory.send(notAFrame);
        sync(mallory);
        assertEquals(invalid + 2, target.node().status().invalidDropped());
        assertTrue(linkedToMallory(target), "two strikes of three");

        byte[] outsideTheCipher = new byte[NoiseHandshake.MAX_MESSAGE];
        random.nextBytes(outsideTheCipher);
        mallory.sendRaw(outsideTheCipher); // breaks the link's nonce stream for good
        Await.until(WAIT, () -> mallory.down() && !linkedToMallory(target), "link closed");
        assertEquals(invalid + 3, target.node().status().invalidDropped());
        assertTargetSurvivedAndChatFlows();
    }

    @Test
    void countBombsAndDeepNestingAreDroppedWithoutHarm() throws Exception {
        mesh();
        long invalid = target.node().status().invalidDropped();
        int broadcast = PacketType.BROADCAST;
        List<byte[]> bombs = List.of(
                forge.signed(broadcast, claimsAll(0xdd)),                // body: array32 2^32-1
                forge.signed(broadcast, claimsAll(0xdf)),                // body: map32 2^32-1
                forge.signed(broadcast, concat(new byte[] {(byte) 0x91}, claimsAll(0xdb))),
                forge.signed(broadcast, withExtension("bomb", claimsAll(0xdd))),
                forge.signed(broadcast, withExtension("bomb", claimsAll(0xdf))),
                forge.signed(broadcast, withExtension("bomb", claimsAll(0xdb))),
                forge.signed(broadcast, withExtension("bomb", claimsMaxInt(0xdd))),
                forge.signed(broadcast, withExtension("bomb", claimsMaxInt(0xdf))),
                forge.signed(broadcast, concat(new byte[] {(byte) 0x91}, nested(10_000))),
                concat(new byte[] {(byte) 0x9b, 1, 2}, claimsAll(0xc6)), // id: bin32 of 4 GiB
                concat(new byte[] {(byte) 0x9b, 1, 2}, nested(10_000))); // nesting for the id
        for (byte[] bomb : bombs) {
            mallory.send(bomb);
        }
        chatAsync("during the bombs");
        // A newer version may add a deeply nested field: skipped without recursion, and the
        // text it extends is shown.
        mallory.send(forge.signed(broadcast, withExtension("deep but whole", nested(10_000))));
        Await.until(WAIT, () -> bob.count("deep but whole") == 1, "the nested packet relayed");
        assertEquals(invalid + bombs.size(), target.node().status().invalidDropped(),
                () -> "bombs dropped; bob got " + bob.events().texts());
        assertEquals(0, bob.count("bomb"));

        mallory.send(claimsAll(0xdd)); // a bomb for a frame header: not this protocol at all
        Await.until(WAIT, mallory::down, "the link to be closed");
        assertTargetSurvivedAndChatFlows();
    }

    @Test
    void invalidUtf8IsRefusedInTextsGroupNamesAndUsernames() throws Exception {
        mesh();
        long invalid = target.node().status().invalidDropped();
        for (byte[] bad : INVALID_UTF8) {
            mallory.send(forge.signed(PacketType.BROADCAST, Forgery.rawTextBody(bad)));
        }
        byte[] groupBody = GroupBodies.groupMessage(GroupName.of("abc"), "hello group");
        groupBody[2] = (byte) 0xc0; // the group name "abc" becomes c0 'b' 'c'
        mallory.send(forge.signed(PacketType.GROUP, groupBody));
        chatAsync("during the invalid text");
        sync(mallory);
        assertEquals(invalid + INVALID_UTF8.length + 1, target.node().status().invalidDropped());

        // In the handshake: a username of invalid UTF-8 (validly signed) refuses the link.
        Identity impostor = Identity.generate();
        byte[] payload = LinkFrames.handshakePayload(impostor, "mallory", 0);
        int at = ByteSearch.indexOf(payload, "mallory".getBytes(StandardCharsets.US_ASCII));
        System.arraycopy(new byte[] {(byte) 0xc0, (byte) 0xaf, (byte) 0xed, (byte) 0xa0,
                (byte) 0x80, (byte) 0xff, (byte) 0xfe}, 0, payload, at, 7);
        ScriptedPeer peer = new ScriptedPeer(impostor, "mallory");
        peer.payloadOverride(payload);
        peer.dial(rawTransport("mallory-utf8"), addressOf(target));
        Await.until(WAIT, peer::down, "the link with a bad username to be refused");
        assertFalse(peer.ready());
        assertTrue(target.node().peers().stream().noneMatch(
                p -> p.id().equals(impostor.id())));
        assertEquals(invalid + INVALID_UTF8.length + 2, target.node().status().invalidDropped());
        assertTargetSurvivedAndChatFlows();
    }

    @Test
    void plaintextAfterTheHandshakeClosesOnlyThatLink() throws Exception {
        mesh();
        long invalid = target.node().status().invalidDropped();
        chatAsync("before the plaintext");
        mallory.sendRaw(forge.broadcast("in the clear"));
        Await.until(WAIT, () -> mallory.down() && !linkedToMallory(target), "link closed");
        assertEquals(invalid + 1, target.node().status().invalidDropped());
        assertEquals(0, bob.count("in the clear"));
        assertTargetSurvivedAndChatFlows();
    }

    @Test
    void aPeerWithAnotherNetworkKeyGetsNoLinkEitherWay() throws Exception {
        mesh();
        Identity outsider = Identity.generate();
        ScriptedPeer dialer = new ScriptedPeer(outsider, "outsider", "another mesh's key");
        dialer.dial(rawTransport("outsider-dialing"), addressOf(target));
        Await.until(WAIT, dialer::down, "the handshake to fail");
        assertFalse(dialer.ready());
        assertInstanceOf(CryptoException.class, dialer.error(), "the target's reply fails");
        chatAsync("between the attempts");

        ScriptedPeer listener = new ScriptedPeer(outsider, "outsider", "another mesh's key");
        Transport listening = rawTransport("outsider-listening");
        listening.start(listener);
        PeerAddress there = addressOf(listening);
        long invalid = target.node().status().invalidDropped();
        CompletableFuture<PeerInfo> dial = target.node().connect(there);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> dial.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(e.getCause().getMessage().contains("another network key"),
                e.getCause().getMessage());
        target.node().disconnect(there).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(target.node().status().invalidDropped() > invalid);
        assertTrue(target.node().peers().stream().noneMatch(
                p -> p.id().equals(outsider.id())), "never admitted");
        assertTargetSurvivedAndChatFlows();
    }

    @Test
    void nodesWithDifferentNetworkKeysNeverLinkWhileNodesWithTheSameKeyDo() throws Exception {
        String key = "correct horse battery staple";
        TestNode a = start("keyed-a", b -> b.networkKey(key));
        TestNode b = start("keyed-b", o -> o.networkKey(key));
        TestNode other = start("other-key", o -> o.networkKey("a different, equally long key"));
        TestNode open = start("open");
        link(b, a);
        for (TestNode[] pair : new TestNode[][] {{other, a}, {a, other}, {open, a}, {a, open}}) {
            TestNode from = pair[0];
            PeerAddress to = addressOf(pair[1]);
            ExecutionException e = assertThrows(ExecutionException.class, () -> from.node()
                    .connect(to).get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertTrue(e.getCause().getMessage().contains("handshake"),
                    from.name() + " to " + pair[1].name() + ": " + e.getCause().getMessage());
            from.node().disconnect(to).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        assertEquals(Set.of(b.node().id()), Set.copyOf(a.node().peers().stream()
                .map(PeerInfo::id).toList()));
        assertTrue(other.node().peers().isEmpty() && open.node().peers().isEmpty());
        settle(a, b);
        settle(b, a);
    }

    @Test
    void aSpoofedGroupJoinOrLeaveIsRejectedByEveryNode() throws Exception {
        mesh();
        GroupName dev = GroupName.of("dev");
        GroupName ops = GroupName.of("ops");
        alice.node().createGroup(dev).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        bob.node().createGroup(ops).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> bob.node().groups().size() == 2, "bob to know both groups");
        bob.node().joinGroup(dev).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Set<NodeId> devMembers = Set.of(alice.node().id(), bob.node().id());
        Set<NodeId> opsMembers = Set.of(bob.node().id());
        for (TestNode n : List.of(alice, target, bob)) {
            Await.until(WAIT, () -> members(n, dev).equals(devMembers)
                    && members(n, ops).equals(opsMembers), n.name() + " to see the groups");
        }

        // Mallory tells every node directly that alice left dev and joined ops.
        NodeId aliceId = alice.node().id();
        byte[] leave = forge.signed(PacketType.GROUP_LEAVE, GroupBodies.membership(
                new GroupBodies.Membership(aliceId, dev, List.of())));
        byte[] join = forge.signed(PacketType.GROUP_JOIN, GroupBodies.membership(
                new GroupBodies.Membership(aliceId, ops, List.of(dev, ops))));
        List<ScriptedPeer> links = List.of(mallory, linkMallory("mallory-at-alice", alice),
                linkMallory("mallory-at-bob", bob));
        List<TestNode> nodes = List.of(target, alice, bob);
        long[] invalid = nodes.stream().mapToLong(n -> n.node().status().invalidDropped())
                .toArray();
        for (ScriptedPeer link : links) {
            link.send(leave);
            link.send(join);
        }
        chatAsync("during the spoofing");
        for (int i = 0; i < nodes.size(); i++) {
            TestNode n = nodes.get(i);
            long was = invalid[i];
            Await.until(WAIT, () -> n.node().status().invalidDropped() == was + 2,
                    n.name() + " to reject and count both forgeries");
        }
        bob.node().leaveGroup(ops).get(WAIT.toMillis(), TimeUnit.MILLISECONDS); // honest change
        for (TestNode n : nodes) {
            Await.until(WAIT, () -> members(n, ops).isEmpty(), n.name() + " to see bob leave");
            assertEquals(devMembers, members(n, dev), n.name() + ": dev unchanged");
        }
        assertTargetSurvivedAndChatFlows();
    }

    private static Set<NodeId> members(TestNode n, GroupName group) {
        return n.node().groups().stream().filter(g -> g.name().equals(group)).findFirst()
                .map(g -> g.members()).orElse(Set.of());
    }
}
