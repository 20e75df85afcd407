package dev.ghostmesh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.SecurityProfile;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.testing.ConnectivityScenarioTest.ManualDiscovery;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The open profile on any transport: open nodes chat through relays in every way secure ones
 * do (private messages and protected groups still sealed end to end); an open node and a
 * secure node refuse each other, each saying why, and both go on working; and network keys
 * and claimed ids are still checked before anyone is admitted.
 */
public abstract class OpenProfileScenarioTest extends MeshTestBase {
    protected static final UnaryOperator<MeshNode.Builder> OPEN =
            b -> b.securityProfile(SecurityProfile.OPEN).groupKdf(64, 1, 1);
    private static final String OPEN_REASON =
            "peer uses the open profile; this node requires secure";
    private static final String SECURE_REASON =
            "peer uses the secure profile; this node uses open";

    private static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Three open nodes in a line, so everything crosses a relay. */
    protected TestNode[] openChain() throws Exception {
        TestNode a = start("alice", OPEN);
        TestNode b = start("bob", OPEN);
        TestNode c = start("carol", OPEN);
        link(b, a);
        link(c, b);
        awaitFullDirectory(a, b, c);
        return new TestNode[] {a, b, c};
    }

    @Test
    void openNodesExchangeBroadcastsPrivateMessagesAndGroupMessagesThroughARelay()
            throws Exception {
        TestNode[] n = openChain();
        TestNode alice = n[0];
        TestNode bob = n[1];
        TestNode carol = n[2];
        assertEquals(SecurityProfile.OPEN, alice.node().profile());

        get(alice.node().broadcast("open hello"));
        Await.until(WAIT, () -> carol.count("open hello") == 1, "carol to get the broadcast");
        assertBroadcastFrom(alice, only(carol, "open hello"), 2);

        Message sent = get(alice.node().sendPrivate(carol.node().id(), "open secret"));
        Await.until(WAIT, () -> carol.count("open secret") == 1, "carol to get the private");
        assertEquals(MessageKind.PRIVATE, only(carol, "open secret").kind());
        Await.until(WAIT, () -> alice.events().delivered.stream()
                .anyMatch(m -> m.id().equals(sent.id())), "carol's receipt");

        GroupName lobby = GroupName.of("lobby");
        get(alice.node().createGroup(lobby));
        Await.until(WAIT, () -> carol.node().groups().size() == 1, "carol to hear of #lobby");
        get(carol.node().joinGroup(lobby));
        Await.until(WAIT, () -> alice.node().groups().get(0).memberCount() == 2, "carol to join");
        get(carol.node().sendToGroup(lobby, "open group text"));
        Await.until(WAIT, () -> alice.count("open group text") == 1, "alice to get it");
        assertEquals(MessageKind.GROUP, only(alice, "open group text").kind());

        GroupName vault = GroupName.of("vault");
        get(alice.node().createGroup(vault, "hunter2-but-longer".toCharArray()));
        Await.until(WAIT, () -> carol.node().groups().size() == 2, "carol to hear of #vault");
        get(carol.node().joinGroup(vault, "hunter2-but-longer".toCharArray()));
        get(alice.node().sendToGroup(vault, "sealed group text"));
        Await.until(WAIT, () -> carol.count("sealed group text") == 1, "carol to read #vault");
        settle(alice, bob, carol);
        assertEquals(0, bob.count("open secret") + bob.count("open group text")
                + bob.count("sealed group text"), "the relay shows nothing meant for others");
        for (TestNode t : n) {
            assertEquals(0, t.node().status().invalidDropped(), t.name() + " dropped invalid");
        }
    }

    @Test
    void secureAndOpenNodesRefuseEachOtherBothWaysSayWhyAndKeepWorking() throws Exception {
        TestNode open = start("opal", OPEN);
        TestNode secure = start("sam");
        assertEquals(SecurityProfile.SECURE, secure.node().profile());
        for (TestNode[] pair : new TestNode[][] {{secure, open}, {open, secure}}) {
            TestNode from = pair[0];
            TestNode to = pair[1];
            long refusedHere = from.node().status().linksRefused();
            long refusedThere = to.node().status().linksRefused();
            PeerAddress address = addressOf(to);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> get(from.node().connect(address)));
            String expected = from == secure ? OPEN_REASON : SECURE_REASON;
            assertTrue(e.getCause().getMessage().endsWith(": " + expected),
                    from.name() + " dialing: " + e.getCause().getMessage());
            get(from.node().disconnect(address));
            // The dialer's reason comes from the acceptor's MISMATCH: both ends saw it.
            Await.until(WAIT, () -> to.node().status().linksRefused() > refusedThere,
                    () -> to.name() + " to count the refusal");
            assertTrue(from.node().status().linksRefused() > refusedHere);
        }
        assertTrue(open.node().peers().isEmpty() && secure.node().peers().isEmpty());

        TestNode openPeer = start("olive", OPEN);
        TestNode securePeer = start("sid");
        link(openPeer, open);
        link(securePeer, secure);
        get(open.node().broadcast("open side still works"));
        get(secure.node().broadcast("secure side still works"));
        Await.until(WAIT, () -> openPeer.count("open side still works") == 1
                && securePeer.count("secure side still works") == 1, "both meshes to chat");
        assertEquals(0, secure.count("open side still works") + open.count(
                "secure side still works"));
    }

    @Test
    void openNodesWithDifferentNetworkKeysNeverLinkAndSaySo() throws Exception {
        TestNode red = start("red", b -> OPEN.apply(b).networkKey("red team key, long enough"));
        TestNode red2 = start("red2", b -> OPEN.apply(b).networkKey("red team key, long enough"));
        TestNode plain = start("plain", OPEN);
        link(red2, red);
        for (TestNode[] pair : new TestNode[][] {{plain, red}, {red, plain}}) {
            PeerAddress address = addressOf(pair[1]);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> get(pair[0].node().connect(address)));
            assertTrue(e.getCause().getMessage().contains("another network key"),
                    e.getCause().getMessage());
            get(pair[0].node().disconnect(address));
        }
        assertTrue(plain.node().peers().isEmpty());
        assertEquals(1, red.node().peers().size());
        settle(red, red2);
    }

    @Test
    void anOpenDialerRefusesAFalseClaimBeforeTheAcceptorAdmitsIt() throws Exception {
        ManualDiscovery lan = new ManualDiscovery();
        TestNode a = start("alice", b -> OPEN.apply(b).autoConnect(true).targetLinks(1)
                .discovery(lan));
        TestNode b = start("bob", OPEN);
        TestNode c = start("carol", OPEN);
        long invalid = a.node().status().invalidDropped();
        lan.context.onPeerFound(addressOf(b), c.node().id()); // "carol is at bob's address"
        Await.until(WAIT, () -> a.node().status().invalidDropped() > invalid,
                "the false claim to be caught");
        assertFalse(hasPeer(a, b) || hasPeer(a, c), "no link under a wrong id");
        assertTrue(b.events().connected.isEmpty(), "bob never admitted alice");
        lan.context.onPeerFound(addressOf(c), c.node().id());
        Await.until(WAIT, () -> hasPeer(a, c) && hasPeer(c, a), "the true claim to link");
    }

    @Test
    void overAnOpenLinkSpoofedOriginsAreDroppedAndEveryFrameSpendsTheRateLimit()
            throws Exception {
        TestNode target = start("target", b -> OPEN.apply(b).linkRateLimit(50, 100));
        TestNode bob = start("bob", OPEN);
        link(bob, target);
        Identity malloryId = Identity.generate();
        ScriptedPeer mallory = ScriptedPeer.open(malloryId, "mallory", null)
                .connect(rawTransport("mallory"), addressOf(target));
        Random ids = new Random(11);
        long now = System.currentTimeMillis();
        mallory.send(unsigned(malloryId, ids, now, 1, "mallory, unsigned and honest"));
        Await.until(WAIT, () -> bob.count("mallory, unsigned and honest") == 1,
                "an honest unsigned packet to cross the open mesh");

        long invalid = target.node().status().invalidDropped();
        byte[] spoofed = unsigned(malloryId, ids, now, 2, "bob, supposedly");
        bob.node().id().writeTo(spoofed, 23); // the origin id, in the canonical layout
        mallory.send(spoofed);
        mallory.send(unsigned(malloryId, ids, now, 3, "after the spoof"));
        Await.until(WAIT, () -> bob.count("after the spoof") == 1, "frames to be handled");
        assertEquals(invalid + 1, target.node().status().invalidDropped());
        assertEquals(0, bob.count("bob, supposedly"));

        long limited = target.node().status().rateLimited();
        for (int i = 0; i < 300; i++) {
            mallory.send(LinkFrames.keepalive(PacketType.PING));
        }
        Await.until(WAIT, () -> target.node().status().rateLimited() >= limited + 150,
                () -> "PINGs over the link's budget to be dropped: "
                        + target.node().status());
        settle(target, bob);
    }

    private static byte[] unsigned(Identity origin, Random ids, long now, long seq, String text) {
        return PacketCodec.encode(origin, PacketType.BROADCAST, MessageId.random(ids), 8, now,
                seq, Bodies.broadcast(text), false);
    }
}
