package dev.ghostmesh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.GroupBodies;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.TopicBody;
import dev.ghostmesh.internal.crypto.GroupKeys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The chat as an application of topics, on any transport: broadcasts and group messages travel
 * as TOPIC messages on their reserved topics (seen on the wire by a scripted peer, which
 * decrypts what its link carries), every node shows a broadcast once, only members show a group
 * message while others relay it; a bad text on the chat's topic is dropped and counted by every
 * node that receives it and relayed all the same; and the BROADCAST and GROUP packets older
 * nodes send are still shown, by the same rules.
 */
public abstract class ChatOverTopicsScenarioTest extends MeshTestBase {
    private static final GroupName TEAM = GroupName.of("ProjectTeam");
    private static final UnaryOperator<MeshNode.Builder> CHEAP_KDF = b -> b.groupKdf(64, 1, 1);

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A scripted peer linked to {@code at} that only listens: it sees what {@code at} sends. */
    private ScriptedPeer tap(TestNode at, String name) throws Exception {
        ScriptedPeer tap = new ScriptedPeer(Identity.generate(), name)
                .connect(rawTransport(name), addressOf(at));
        Await.until(WAIT, () -> at.node().peers().stream()
                .anyMatch(p -> p.id().equals(tap.identity().id())), at.name() + " to admit "
                + name);
        return tap;
    }

    /** The TOPIC packets {@code tap} got on {@code topic} whose payload is {@code text}. */
    private static List<Packet> copies(ScriptedPeer tap, String topic, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return tap.topicPackets(topic).stream()
                .filter(p -> Arrays.equals(body(p).payload(), utf8)).toList();
    }

    /** Sealed group content as PROTOCOL.md defines it (ad = origin id || normalized name). */
    private static byte[] sealed(byte[] key, MessageId id, NodeId origin, GroupName group,
            String text) {
        byte[] idBytes = new byte[MessageId.LENGTH];
        id.writeTo(idBytes, 0);
        byte[] name = group.key().getBytes(StandardCharsets.UTF_8);
        byte[] ad = new byte[NodeId.LENGTH + name.length];
        origin.writeTo(ad, 0);
        System.arraycopy(name, 0, ad, NodeId.LENGTH, name.length);
        return GroupKeys.seal(key, idBytes, ad, GroupBodies.sealedContent(text));
    }

    private static TopicBody body(Packet p) {
        try {
            return TopicBody.decode(p);
        } catch (dev.ghostmesh.internal.codec.PacketDecodeException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBroadcastTravelsAsATopicMessageAndEveryNodeOfAChainShowsItOnce() throws Exception {
        TestNode[] chain = chain("alice", "bob", "carol");
        TestNode a = chain[0];
        TestNode b = chain[1];
        TestNode c = chain[2];
        ScriptedPeer tap = tap(c, "tap");
        long relayedByBob = b.node().status().packetsRelayed();

        String text = "hello, topics ✓";
        Message sent = get(a.node().broadcast(text));
        assertEquals(MessageKind.BROADCAST, sent.kind());
        Await.until(WAIT, () -> c.count(text) == 1, "carol to show the broadcast");
        Await.until(WAIT, () -> !copies(tap, ReservedTopics.CHAT, text).isEmpty(),
                "carol to relay it to the tap");
        settle(a, b, c);

        assertBroadcastFrom(a, only(b, text), 1);
        assertBroadcastFrom(a, only(c, text), 2);
        assertEquals(sent.id(), only(c, text).id());
        assertEquals(0, a.count(text), "own broadcast must not come back");
        assertTrue(b.node().status().packetsRelayed() > relayedByBob, "bob relayed it");

        List<Packet> got = copies(tap, ReservedTopics.CHAT, text);
        assertEquals(1, got.size(), "one copy on carol's link");
        Packet p = got.get(0);
        assertEquals(PacketType.TOPIC, p.type());
        assertEquals(a.node().id(), p.origin());
        assertEquals(sent.id(), p.id());
        TopicBody body = body(p);
        assertEquals(0, body.expiresAt(), "a broadcast never expires");
        assertEquals("", body.latestKey(), "a broadcast has no latest-value key");
        assertEquals(0, tap.count(PacketType.BROADCAST), "no node sends BROADCAST packets now");
    }

    @Test
    void groupMessagesTravelOnTheGroupsTopicAndANonMemberInTheMiddleOnlyRelaysThem()
            throws Exception {
        TestNode[] chain = chain("alice", "carol", "bob");
        TestNode a = chain[0];
        TestNode c = chain[1];
        TestNode b = chain[2];
        ScriptedPeer tap = tap(c, "tap");
        get(a.node().createGroup(TEAM));
        Await.until(WAIT, () -> !b.node().groups().isEmpty(), "bob to hear of the group");
        get(b.node().joinGroup(GroupName.of("projectteam")));
        long relayedByCarol = c.node().status().packetsRelayed();

        Message sent = get(a.node().sendToGroup(TEAM, "hello team"));
        assertEquals(MessageKind.GROUP, sent.kind());
        Await.until(WAIT, () -> b.count("hello team") == 1, "bob to show it");
        settle(a, c, b);
        Message got = only(b, "hello team");
        assertEquals(MessageKind.GROUP, got.kind());
        assertEquals("ProjectTeam", got.group().orElseThrow().display());
        assertEquals(a.node().id(), got.sender());
        assertEquals(sent.id(), got.id());
        assertEquals(0, c.count("hello team"), "carol is no member: she relays, never shows");
        assertEquals(0, a.count("hello team"));
        assertTrue(c.node().status().packetsRelayed() > relayedByCarol, "carol relayed it");

        List<Packet> onTheWire = copies(tap, ReservedTopics.group(TEAM), "hello team");
        assertEquals(1, onTheWire.size(), "the text in UTF-8 on the group's topic");
        assertEquals(sent.id(), onTheWire.get(0).id());
        assertEquals(0, tap.count(PacketType.GROUP), "no node sends GROUP packets now");

        get(b.node().leaveGroup(TEAM));
        get(a.node().sendToGroup(TEAM, "after bob left"));
        Await.until(WAIT, () -> copies(tap, ReservedTopics.group(TEAM), "after bob left")
                .size() == 1, "the message to cross carol");
        settle(a, c, b);
        assertEquals(0, b.count("after bob left"), "not shown once bob left the group");
    }

    @Test
    void badTextOnTheChatTopicIsDroppedAndCountedByEveryNodeAndRelayedAllTheSame()
            throws Exception {
        TestNode[] chain = chain("alice", "bob");
        TestNode a = chain[0];
        TestNode b = chain[1];
        Identity malloryId = Identity.generate();
        ScriptedPeer mallory = new ScriptedPeer(malloryId, "mallory")
                .connect(rawTransport("mallory"), addressOf(a));
        Await.until(WAIT, () -> a.node().peers().size() == 2, "alice to admit mallory");
        ScriptedPeer tap = tap(b, "tap");
        long[] invalid = {a.node().status().invalidDropped(), b.node().status().invalidDropped()};

        Forgery forge = new Forgery(malloryId, 3);
        byte[] tooLong = new byte[16_385];
        Arrays.fill(tooLong, (byte) 'a');
        List<byte[]> bad = List.of(new byte[] {(byte) 0xc3, 0x28}, new byte[0], tooLong);
        for (byte[] payload : bad) {
            assertTrue(mallory.send(forge.topic(ReservedTopics.CHAT, payload)));
        }
        // A reserved topic of a newer version's built-in application: relayed, not shown.
        assertTrue(mallory.send(forge.topic("ghost/future/thing", new byte[] {1, 2, 3})));
        assertTrue(mallory.send(forge.chat("after the bad texts")));
        Await.until(WAIT, () -> b.count("after the bad texts") == 1, "bob to show the marker");

        assertEquals(invalid[0] + bad.size(), a.node().status().invalidDropped(), "alice");
        assertEquals(invalid[1] + bad.size(), b.node().status().invalidDropped(),
                "alice relayed every bad text and bob dropped each too");
        Message marker = only(a, "after the bad texts");
        assertEquals(MessageKind.BROADCAST, marker.kind());
        assertEquals(malloryId.id(), marker.sender());
        Await.until(WAIT, () -> tap.topicPackets(ReservedTopics.CHAT).size() == bad.size() + 1
                && tap.topicPackets("ghost/future/thing").size() == 1, "bob to relay them all");
        for (TestNode n : List.of(a, b)) {
            assertEquals(1, n.events().messages.size(), () -> n.name() + " showed only the"
                    + " marker, not " + n.events().texts());
        }
    }

    @Test
    void broadcastsAndGroupMessagesOfAnOlderNodeAreStillShownByTheSameRules() throws Exception {
        TestNode a = start("alice", CHEAP_KDF);
        TestNode b = start("bob", CHEAP_KDF);
        link(b, a);
        awaitFullDirectory(a, b);
        GroupName lobby = GroupName.of("lobby");
        GroupName vault = GroupName.of("vault");
        get(a.node().createGroup(lobby));
        get(a.node().createGroup(vault, "s3cret".toCharArray()));
        Await.until(WAIT, () -> b.node().groups().size() == 2, "bob to hear of both groups");
        get(b.node().joinGroup(lobby));
        get(b.node().joinGroup(vault, "s3cret".toCharArray()));
        Identity olderId = Identity.generate();
        ScriptedPeer older = new ScriptedPeer(olderId, "older")
                .connect(rawTransport("older"), addressOf(a));
        Await.until(WAIT, () -> a.node().peers().size() == 2, "alice to admit the older node");
        long[] invalid = {a.node().status().invalidDropped(), b.node().status().invalidDropped()};

        // Exactly what a node sent before the chat became an application of topics.
        Forgery forge = new Forgery(olderId, 5);
        assertTrue(older.send(forge.broadcast("an older broadcast")));
        assertTrue(older.send(forge.signed(PacketType.GROUP,
                GroupBodies.groupMessage(lobby, "an older group text"))));
        byte[] key = GroupKeys.deriveKey("s3cret", vault.key(), new GroupKeys.KdfParams(64, 1, 1));
        MessageId id = MessageId.random();
        assertTrue(older.send(forge.signed(PacketType.GROUP, id, GroupBodies.sealedGroupMessage(
                vault, sealed(key, id, olderId.id(), vault, "an older sealed text")))));
        // The old form's own rule: plaintext in a protected group is dropped and counted.
        assertTrue(older.send(forge.signed(PacketType.GROUP,
                GroupBodies.groupMessage(vault, "plaintext in the vault"))));
        assertTrue(older.send(forge.broadcast("the older node's last word")));
        for (TestNode n : List.of(a, b)) {
            Await.until(WAIT, () -> n.count("the older node's last word") == 1,
                    () -> n.name() + " to show the older node's packets");
        }
        settle(a, b);

        for (TestNode n : List.of(a, b)) {
            Message broadcast = only(n, "an older broadcast");
            assertEquals(MessageKind.BROADCAST, broadcast.kind());
            assertEquals(olderId.id(), broadcast.sender());
            Message open = only(n, "an older group text");
            assertEquals(MessageKind.GROUP, open.kind());
            assertEquals(lobby, open.group().orElseThrow());
            Message sealed = only(n, "an older sealed text");
            assertEquals(vault, sealed.group().orElseThrow());
            assertEquals(0, n.count("plaintext in the vault"), n.name());
        }
        assertEquals(invalid[0] + 1, a.node().status().invalidDropped());
        assertEquals(invalid[1] + 1, b.node().status().invalidDropped(), "relayed by alice");
        assertEquals(0, older.count(PacketType.BROADCAST) + older.count(PacketType.GROUP),
                "alice and bob sent none of the old types themselves");
    }
}
