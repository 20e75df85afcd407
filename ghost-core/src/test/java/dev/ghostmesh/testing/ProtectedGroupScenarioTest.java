package dev.ghostmesh.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupException;
import dev.ghostmesh.GroupException.Reason;
import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.GroupBodies;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.TopicBody;
import dev.ghostmesh.internal.crypto.CryptoException;
import dev.ghostmesh.internal.crypto.GroupKeys;
import dev.ghostmesh.internal.crypto.GroupKeys.KdfParams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Password-protected groups across a mesh, on any transport: members who joined with the
 * password read each other through relays that cannot; wrong or missing passwords are refused;
 * a peer that knows the group's name but not its password gets only ciphertext, on the group's
 * topic; plaintext and forged ciphertext injected on that topic are dropped and counted by every
 * member and relayed all the same; and deriving a key never holds up the node thread.
 */
public abstract class ProtectedGroupScenarioTest extends MeshTestBase {
    private static final GroupName DEV = GroupName.of("Dev");
    /** Tiny Argon2id costs so tests are quick; one test keeps the default. */
    private static final KdfParams CHEAP = new KdfParams(64, 1, 1);
    private static final UnaryOperator<MeshNode.Builder> CHEAP_KDF =
            b -> b.groupKdf(CHEAP.memoryKiB(), CHEAP.iterations(), CHEAP.parallelism());

    private static char[] pw(String password) {
        return password.toCharArray();
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static GroupException failure(CompletableFuture<?> f, Reason expected) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(f));
        assertTrue(e.getCause() instanceof GroupException, e.toString());
        GroupException g = (GroupException) e.getCause();
        assertEquals(expected, g.reason(), g.getMessage());
        return g;
    }

    private TestNode[] cheapChain(String... names) throws Exception {
        TestNode[] nodes = new TestNode[names.length];
        for (int i = 0; i < names.length; i++) {
            nodes[i] = start(names[i], CHEAP_KDF);
            if (i > 0) {
                link(nodes[i], nodes[i - 1]);
            }
        }
        awaitFullDirectory(nodes);
        return nodes;
    }

    private static TestNode find(TestNode[] nodes, String name) {
        return java.util.Arrays.stream(nodes).filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private static GroupInfo dev(TestNode n) {
        return n.node().groups().stream().filter(g -> g.name().equals(DEV)).findFirst()
                .orElse(null);
    }

    private static void awaitMembers(int count, TestNode... nodes) {
        for (TestNode n : nodes) {
            Await.until(WAIT, () -> dev(n) != null && dev(n).memberCount() == count,
                    () -> n.name() + " to see " + count + " members of #Dev: " + dev(n));
        }
    }

    /** Alice creates #Dev with a password, bob joins with it, carol never has it. */
    private void membersReadEachOtherAndTheNonMemberOnlyRelays(String... order) throws Exception {
        TestNode[] chain = cheapChain(order);
        TestNode a = find(chain, "alice");
        TestNode b = find(chain, "bob");
        TestNode c = find(chain, "carol");
        GroupInfo created = get(a.node().createGroup(DEV, pw("s3cret")));
        assertTrue(created.protectedGroup() && created.joined(), created.toString());
        Await.until(WAIT, () -> dev(b) != null && dev(c) != null, "bob and carol to hear of #Dev");
        assertTrue(dev(c).protectedGroup(), "every node learns that #Dev is protected");

        GroupException missing = failure(b.node().joinGroup(DEV), Reason.PASSWORD_REQUIRED);
        assertEquals("#Dev is protected: join it with its password", missing.getMessage());
        GroupException wrong = failure(b.node().joinGroup(GroupName.of("dev"), pw("S3cret")),
                Reason.WRONG_PASSWORD);
        assertEquals("wrong password for #dev", wrong.getMessage());
        failure(c.node().joinGroup(DEV, pw("guess")), Reason.WRONG_PASSWORD);
        failure(c.node().sendToGroup(DEV, "let me in"), Reason.NOT_A_MEMBER);
        settle(a, b, c);
        assertEquals(1, dev(a).memberCount(), "a refused join sends nothing to the mesh");

        GroupInfo joined = get(b.node().joinGroup(GroupName.of("dev"), pw("s3cret")));
        assertTrue(joined.joined() && joined.protectedGroup());
        awaitMembers(2, a, b, c);
        failure(b.node().joinGroup(DEV, pw("s3cret")), Reason.ALREADY_A_MEMBER);
        long relayedByCarol = c.node().status().packetsRelayed();

        Message sent = get(a.node().sendToGroup(DEV, "hello sealed"));
        assertEquals(DEV, sent.group().orElseThrow());
        Await.until(WAIT, () -> b.count("hello sealed") == 1, "bob to read alice");
        get(b.node().sendToGroup(GroupName.of("DEV"), "sealed reply"));
        Await.until(WAIT, () -> a.count("sealed reply") == 1, "alice to read bob");
        settle(a, b, c);
        Message got = only(b, "hello sealed");
        assertEquals(a.node().id(), got.sender());
        assertEquals("Dev", got.group().orElseThrow().display());
        assertEquals(0, c.count("hello sealed") + c.count("sealed reply"),
                "carol, who has no password, shows nothing");
        assertEquals(0, a.count("hello sealed"), "alice's own message does not come back");
        if (order[1].equals("carol")) {
            assertTrue(c.node().status().packetsRelayed() > relayedByCarol,
                    "carol, in the middle, relays what she cannot read");
        }
        assertEquals(0, a.node().status().invalidDropped() + b.node().status().invalidDropped()
                + c.node().status().invalidDropped(), "honest traffic is never dropped");

        get(b.node().leaveGroup(DEV));
        awaitMembers(1, a, c);
        failure(b.node().sendToGroup(DEV, "gone"), Reason.NOT_A_MEMBER);
        get(a.node().sendToGroup(DEV, "after bob left"));
        settle(a, b, c);
        assertEquals(0, b.count("after bob left"), "nothing is shown after leaving");
    }

    @Test
    void membersReadEachOtherThroughANonMemberInTheMiddle() throws Exception {
        membersReadEachOtherAndTheNonMemberOnlyRelays("alice", "carol", "bob");
    }

    @Test
    void aMemberInTheMiddleReadsAndRelaysForTheNonMember() throws Exception {
        membersReadEachOtherAndTheNonMemberOnlyRelays("alice", "bob", "carol");
    }

    @Test
    void openGroupsNeedNoPasswordAndRefuseOne() throws Exception {
        TestNode[] chain = cheapChain("alice", "bob");
        GroupInfo open = get(chain[0].node().createGroup(GroupName.of("lobby")));
        assertFalse(open.protectedGroup());
        Await.until(WAIT, () -> !chain[1].node().groups().isEmpty(), "bob to hear of #lobby");
        GroupException e = failure(chain[1].node().joinGroup(GroupName.of("lobby"), pw("x")),
                Reason.NOT_PROTECTED);
        assertEquals("#lobby is not protected: join it without a password", e.getMessage());
        get(chain[1].node().joinGroup(GroupName.of("lobby")));
        get(chain[0].node().sendToGroup(GroupName.of("lobby"), "open as before"));
        Await.until(WAIT, () -> chain[1].count("open as before") == 1, "bob to get it");
        failure(chain[1].node().createGroup(GroupName.of("LOBBY"), pw("late")),
                Reason.ALREADY_EXISTS);
        assertThrows(IllegalArgumentException.class,
                () -> chain[1].node().createGroup(GroupName.of("empty"), new char[0]));
    }

    /**
     * Mallory is an authenticated peer of bob's who knows the name #Dev but not its password.
     * Returns [alice, bob] (both members) with mallory linked to bob.
     */
    private ScriptedPeer malloryNextToMembers(TestNode[] members) throws Exception {
        get(members[0].node().createGroup(DEV, pw("s3cret")));
        Await.until(WAIT, () -> dev(members[1]) != null, "bob to hear of #Dev");
        get(members[1].node().joinGroup(DEV, pw("s3cret")));
        awaitMembers(2, members);
        ScriptedPeer mallory = new ScriptedPeer(Identity.generate(), "mallory")
                .connect(rawTransport("mallory"), addressOf(members[1]));
        Await.until(WAIT, () -> members[1].node().peers().size() == 2, "mallory to be admitted");
        return mallory;
    }

    @Test
    void aPeerThatKnowsTheNameButNotThePasswordReceivesOnlyCiphertext() throws Exception {
        TestNode[] members = cheapChain("alice", "bob");
        ScriptedPeer mallory = malloryNextToMembers(members);
        GroupName lobby = GroupName.of("lobby");
        get(members[0].node().createGroup(lobby));
        String secret = "the launch code is 0000";
        String open = "anyone may read this";
        get(members[0].node().sendToGroup(DEV, secret));
        get(members[0].node().sendToGroup(lobby, open));
        Await.until(WAIT, () -> members[1].count(secret) == 1, "bob to read the secret");
        String devTopic = ReservedTopics.group(DEV);
        Await.until(WAIT, () -> mallory.topicPackets(devTopic).size() == 1
                && mallory.topicPackets(ReservedTopics.group(lobby)).size() == 1,
                "mallory to get both, each on its group's topic");
        assertEquals(0, mallory.count(PacketType.GROUP), "no node sends GROUP packets now");

        byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);
        byte[] openBytes = open.getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(openBytes, TopicBody.decode(mallory.topicPackets(
                ReservedTopics.group(lobby)).get(0)).payload(), "an open group's text, in UTF-8");
        assertFalse(mallory.frames.stream().anyMatch(f -> ByteSearch.contains(f, secretBytes)),
                "no frame mallory received holds the protected group's text");

        Packet s = mallory.topicPackets(devTopic).get(0);
        byte[] sealed = TopicBody.decode(s).payload();
        // She knows the name, so the salt, and the costs from the creation: a guess does not open.
        byte[] guessed = GroupKeys.deriveKey("password", DEV.key(), CHEAP);
        assertThrows(CryptoException.class, () -> GroupKeys.open(guessed, idBytes(s.id()),
                context(s.origin(), DEV), sealed));
        // The right password opens it, with exactly the documented id and context.
        byte[] right = GroupKeys.deriveKey("s3cret", DEV.key(), CHEAP);
        assertEquals(secret, GroupBodies.decodeSealedContent(GroupKeys.open(right,
                idBytes(s.id()), context(s.origin(), DEV), sealed)));
    }

    @Test
    void plaintextAndForgedCiphertextInAProtectedGroupAreDroppedAndCountedAndRelayed()
            throws Exception {
        TestNode[] members = cheapChain("alice", "bob");
        ScriptedPeer mallory = malloryNextToMembers(members);
        TestNode alice = members[0];
        TestNode bob = members[1];
        String devTopic = ReservedTopics.group(DEV);
        get(alice.node().sendToGroup(DEV, "genuine"));
        Await.until(WAIT, () -> mallory.topicPackets(devTopic).size() == 1,
                "mallory to capture it");
        Packet genuine = mallory.topicPackets(devTopic).get(0);
        byte[] genuineSealed = TopicBody.decode(genuine).payload();

        Forger forger = new Forger(mallory);
        long aliceInvalid = alice.node().status().invalidDropped();
        long bobInvalid = bob.node().status().invalidDropped();
        forger.topic(MessageId.random(), devTopic,
                "plain injection".getBytes(StandardCharsets.UTF_8));
        byte[] wrongKey = GroupKeys.deriveKey("guess", DEV.key(), CHEAP);
        MessageId id = MessageId.random();
        forger.topic(id, devTopic, GroupKeys.seal(wrongKey, idBytes(id),
                context(mallory.identity().id(), DEV),
                GroupBodies.sealedContent("wrong key injection")));
        // Alice's ciphertext under mallory's name: the context binds the origin.
        forger.topic(genuine.id(), devTopic, genuineSealed);
        forger.sync(bob, alice);
        assertEquals(0, bob.count("plain injection") + bob.count("wrong key injection"),
                bob.events().texts());
        assertEquals(alice.node().id(), only(bob, "genuine").sender(),
                "bob shows alice's message once, never under mallory's name");
        assertEquals(0, alice.count("plain injection") + alice.count("wrong key injection"));
        assertEquals(bobInvalid + 3, bob.node().status().invalidDropped(),
                "bob dropped and counted all three");
        assertEquals(aliceInvalid + 3, alice.node().status().invalidDropped(),
                "bob relayed them (relays cannot tell), and alice dropped them too");

        // The control: sealed properly (whoever holds the key may write), it is shown.
        byte[] right = GroupKeys.deriveKey("s3cret", DEV.key(), CHEAP);
        MessageId good = MessageId.random();
        forger.topic(good, devTopic, GroupKeys.seal(right, idBytes(good),
                context(mallory.identity().id(), DEV),
                GroupBodies.sealedContent("sealed with the key")));
        Await.until(WAIT, () -> bob.count("sealed with the key") == 1
                && alice.count("sealed with the key") == 1, "both members to show it");
    }

    @Test
    void derivingAKeyDoesNotHoldUpTheNodeThread() throws Exception {
        // Default costs (64 MiB, 3 passes): each derivation takes a good fraction of a second.
        TestNode[] chain = chain("alice", "bob");
        TestNode alice = chain[0];
        TestNode bob = chain[1];
        get(alice.node().createGroup(DEV, pw("s3cret")));
        Await.until(WAIT, () -> dev(bob) != null, "bob to hear of #Dev");

        CompletableFuture<GroupInfo> join = bob.node().joinGroup(DEV, pw("s3cret"));
        // Round trips through bob's node thread, one after another, while the key is derived.
        // Were it derived there, the join would finish before the second could even start.
        for (int i = 0; i < 3; i++) {
            String text = "while deriving " + i;
            get(bob.node().broadcast(text));
            Await.until(WAIT, () -> alice.count(text) == 1, () -> "alice to get " + text);
            get(alice.node().broadcast("back " + i));
            String back = "back " + i;
            Await.until(WAIT, () -> bob.count(back) == 1, () -> "bob to get " + back);
        }
        assertFalse(join.isDone(), "the join finished within three round trips over bob's node"
                + " thread: the key was derived on it");
        assertTrue(get(join).joined());
    }

    private static byte[] idBytes(MessageId id) {
        byte[] b = new byte[MessageId.LENGTH];
        id.writeTo(b, 0);
        return b;
    }

    /** The documented AEAD context: origin id, then the UTF-8 of the normalized name. */
    private static byte[] context(NodeId origin, GroupName group) {
        byte[] name = group.key().getBytes(StandardCharsets.UTF_8);
        byte[] c = new byte[NodeId.LENGTH + name.length];
        origin.writeTo(c, 0);
        System.arraycopy(name, 0, c, NodeId.LENGTH, name.length);
        return c;
    }

    /** Packets signed by mallory herself: valid envelopes, bad contents. */
    private static final class Forger {
        private final ScriptedPeer peer;
        private final List<String> markers = new ArrayList<>();
        private long seq = 1;

        Forger(ScriptedPeer peer) {
            this.peer = peer;
        }

        /** A TOPIC message on {@code topic}, as nodes send group messages. */
        void topic(MessageId id, String topic, byte[] payload) {
            send(PacketType.TOPIC, id, new TopicBody(topic, payload, 0, "").encode());
        }

        private void send(int type, MessageId id, byte[] body) {
            assertTrue(peer.send(PacketCodec.encode(peer.identity(), type, id, 8,
                    System.currentTimeMillis(), seq++, body)));
        }

        /**
         * A broadcast after the forgeries, awaited at every node: each link is handled in
         * order, so everything sent before it has been handled (and relayed) by then.
         */
        void sync(TestNode... nodes) {
            String marker = "mallory marker " + markers.size();
            markers.add(marker);
            topic(MessageId.random(), ReservedTopics.CHAT,
                    marker.getBytes(StandardCharsets.UTF_8));
            for (TestNode n : nodes) {
                Await.until(WAIT, () -> n.count(marker) == 1, () -> n.name() + " to get "
                        + marker);
            }
        }
    }
}
