package dev.ghostmesh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.internal.codec.AnnounceBody;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.codec.PacketType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A frame that does not decode — a header other than {@code [1, type]}, another protocol
 * version, an envelope that is not one — never comes from a conforming peer: it is dropped,
 * counted, and a strike against its link; at the strike limit the link is closed and its node
 * banned. A signed packet whose body is malformed is dropped and counted without a strike: its
 * relay may not be at fault. The mesh goes on either way.
 */
public abstract class MalformedFrameScenarioTest extends AdversaryTestBase {
    @Test
    void eachUndecodableFrameIsDroppedCountedAndAStrikeAndTheThirdBansItsNode() throws Exception {
        mesh(b -> b.floodPenalty(3, Duration.ofMinutes(10)));
        long invalid = target.node().status().invalidDropped();

        mallory.send(new byte[] {(byte) 0xc1, 1, 2, 3}); // not even a MessagePack array
        sync(mallory);
        assertEquals(invalid + 1, target.node().status().invalidDropped());
        assertTrue(linkedToMallory(target), "one bad frame is a strike, not the end");

        byte[] version2 = forge.broadcast("a packet of protocol version 2");
        version2[1] = 2; // the version: no version-1 link carries another
        mallory.send(version2);
        sync(mallory);
        assertEquals(invalid + 2, target.node().status().invalidDropped());
        assertEquals(0, bob.count("a packet of protocol version 2"), "not forwarded");
        assertTrue(linkedToMallory(target));

        // A header like a BROADCAST's, then no envelope: the third strike.
        mallory.send(new byte[] {(byte) 0x9b, 1, PacketType.BROADCAST, (byte) 0xc0});
        Await.until(WAIT, () -> mallory.down() && !linkedToMallory(target), "link closed");
        assertEquals(invalid + 3, target.node().status().invalidDropped());

        ScriptedPeer again = new ScriptedPeer(malloryId, "mallory");
        again.dial(rawTransport("mallory-again"), addressOf(target));
        Await.until(WAIT, again::down, "the banned node's new link to be refused");
        assertFalse(again.ready());
        assertTargetSurvivedAndChatFlows();
    }

    @Test
    void aUsernameUnassignedInUnicode13IsRefusedInAHandshakeAndAnAnnounceOnEveryRuntime()
            throws Exception {
        mesh();
        String melting = "ghost" + new String(Character.toChars(0x1FAE0)); // Unicode 14.0
        long invalid = target.node().status().invalidDropped();
        Identity impostor = Identity.generate();
        ScriptedPeer peer = new ScriptedPeer(impostor, "ghost");
        peer.payloadOverride(LinkFrames.handshakePayload(impostor, melting, 0));
        peer.dial(rawTransport("melting"), addressOf(target));
        Await.until(WAIT, peer::down, "the handshake to be refused");
        assertFalse(peer.ready());

        mallory.send(forge.signed(PacketType.ANNOUNCE, new AnnounceBody(melting,
                malloryId.codename(), 0, List.of(), List.of(), malloryId.agreementPublicKey())
                .encode()));
        sync(mallory);
        assertEquals(invalid + 2, target.node().status().invalidDropped());
        assertTrue(target.node().nodes().stream().noneMatch(n -> n.username().equals(melting)));
        assertTargetSurvivedAndChatFlows();
    }

    @Test
    void signedPacketsWithMalformedBodiesAreDroppedAndCountedWithoutAStrike() throws Exception {
        mesh(b -> b.floodPenalty(1, Duration.ofMinutes(10)));
        long invalid = target.node().status().invalidDropped();
        for (int i = 0; i < 3; i++) {
            mallory.send(forge.signed(PacketType.BROADCAST, new byte[] {(byte) 0x91, (byte) 0xc0}));
        }
        sync(mallory);
        assertEquals(invalid + 3, target.node().status().invalidDropped());
        assertTrue(linkedToMallory(target), "even with a one-strike limit");
        assertTargetSurvivedAndChatFlows();
    }
}
