package dev.ghostmesh.internal.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.AnnounceBody;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DirectoryTest {
    private static final Identity ZED = Identity.generate();
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private final Random random = new Random(5);

    private Packet announce(long timestamp) throws Exception {
        AnnounceBody body = new AnnounceBody("zed", ZED.codename(), 6666, List.of(), List.of(),
                ZED.agreementPublicKey());
        return PacketCodec.decode(PacketCodec.encode(ZED, PacketType.ANNOUNCE,
                MessageId.random(random), 16, timestamp, timestamp << 20, body.encode()));
    }

    private static AnnounceBody body() {
        return new AnnounceBody("zed", ZED.codename(), 6666, List.of(), List.of(),
                ZED.agreementPublicKey());
    }

    @Test
    void onlyNewerPacketsCountAsHearingFromANode() throws Exception {
        Directory d = new Directory(10, id -> Set.of());
        NodeId via = Identity.generate().id();
        assertNotNull(d.onAnnounce(announce(1000), body(), via, T0));
        assertEquals(via, d.view().get(0).via().orElseThrow());
        assertFalse(d.heardFrom(ZED.id(), 999, T0.plusSeconds(50)), "older: a replay");
        assertTrue(d.silentSince(T0.plusSeconds(1)).containsKey(ZED.id()));
        assertTrue(d.heardFrom(ZED.id(), 1001, T0.plusSeconds(50)));
        assertFalse(d.silentSince(T0.plusSeconds(1)).containsKey(ZED.id()));
    }

    @Test
    void aForgottenNodeCannotBeBroughtBackByAnOldCopy() throws Exception {
        Directory d = new Directory(10, id -> Set.of());
        Packet old = announce(1000);
        d.onAnnounce(old, body(), null, T0);
        assertNotNull(d.remove(ZED.id(), 1000, T0.plusSeconds(100)));
        assertTrue(d.isStale(ZED.id(), 1000));
        assertNull(d.onAnnounce(old, body(), null, T0.plusSeconds(101)));
        assertTrue(d.view().isEmpty(), "a replayed announce must not resurrect it");
        assertNotNull(d.onAnnounce(announce(2000), body(), null, T0.plusSeconds(102)),
                "a newer announce (it restarted) brings it back");
    }

    @Test
    void directPeersNeverFallSilentWhileLinked() throws Exception {
        Directory d = new Directory(10, id -> Set.of());
        d.onPeerUp(ZED.id(), "zed", 1, new byte[32], T0);
        assertTrue(d.silentSince(T0.plusSeconds(1000)).isEmpty());
        assertEquals(1, d.view().get(0).hops());
        d.onPeerDown(ZED.id(), T0.plusSeconds(1000));
        assertTrue(d.silentSince(T0.plusSeconds(1001)).containsKey(ZED.id()));
    }

    @Test
    void isBoundedByCapacity() throws Exception {
        Directory d = new Directory(1, id -> Set.of());
        d.onPeerUp(Identity.generate().id(), "one", 1, new byte[32], T0);
        assertNull(d.onAnnounce(announce(1), body(), null, T0));
        assertEquals(1, d.rejectedFull());
        assertEquals(1, d.view().size());
    }

    @Test
    void aDirectPeerWhoseLinkClosesShowsItsNextRouteAtOnce() throws Exception {
        Directory d = new Directory(10, id -> Set.of());
        NodeId carol = Identity.generate().id();
        d.onPeerUp(ZED.id(), "zed", 1, new byte[32], T0);
        Packet latest = announce(1000);
        d.onAnnounce(latest, body(), ZED.id(), T0);
        d.onAnnounceCopy(ZED.id(), latest.id(), 2, carol);
        assertTrue(d.view().get(0).direct(), "direct while linked, whatever the copies say");

        d.onPeerDown(ZED.id(), T0.plusSeconds(1));
        assertEquals(2, d.view().get(0).hops());
        assertEquals(carol, d.view().get(0).via().orElseThrow());

        d.onPeerDown(carol, T0.plusSeconds(2));
        assertFalse(d.view().get(0).reachable(), "no link leads to it now");
        assertEquals(0, d.view().get(0).hops());
        assertTrue(d.view().get(0).via().isEmpty());
    }

    @Test
    void onlyCopiesOfTheLatestAnnounceAreRoutes() throws Exception {
        Directory d = new Directory(10, id -> Set.of());
        NodeId bob = Identity.generate().id();
        NodeId carol = Identity.generate().id();
        Packet old = announce(1000);
        d.onAnnounce(old, body(), bob, T0);
        Packet latest = announce(2000);
        d.onAnnounce(latest, body(), bob, T0);
        d.onAnnounceCopy(ZED.id(), old.id(), 2, carol);
        d.onAnnounceCopy(Identity.generate().id(), latest.id(), 2, carol);
        d.onPeerDown(bob, T0.plusSeconds(1));
        assertFalse(d.view().get(0).reachable(),
                "a copy of an older announce, or naming another origin, is no route");
    }

    @Test
    void anAnnounceFromAClosedLinkLeavesNoRoute() throws Exception {
        Directory d = new Directory(10, id -> Set.of());
        d.onAnnounce(announce(1000), body(), null, T0);
        assertFalse(d.view().get(0).reachable());
        assertTrue(d.silentSince(T0.plusSeconds(1)).containsKey(ZED.id()),
                "and it is forgotten for silence like any other node");
    }
}
