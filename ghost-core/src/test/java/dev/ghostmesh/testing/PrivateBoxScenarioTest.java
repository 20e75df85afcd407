package dev.ghostmesh.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ghostmesh.Identity;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.internal.codec.AnnounceBody;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A private box is the origin's only if it is sealed with the agreement key bound to the
 * origin's identity, and a box its target cannot accept is dropped there, not flooded on: the
 * target is the only node that could ever open it. Relays cannot tell and forward it as usual.
 * Eve, a silent peer of the target, sees what the target forwards.
 */
public abstract class PrivateBoxScenarioTest extends AdversaryTestBase {
    private ScriptedPeer eve;

    private void stage() throws Exception {
        mesh();
        eve = new ScriptedPeer(Identity.generate(), "eve").connect(rawTransport("eve"),
                addressOf(target));
        Await.until(WAIT, () -> target.node().peers().size() == 4, "eve to be admitted");
    }

    private byte[] targetKey() {
        return target.node().identity().agreementPublicKey();
    }

    @Test
    void aBoxSealedWithARandomSenderKeyIsNotShownCountedAndNotForwardedByItsTarget()
            throws Exception {
        stage();
        long invalid = target.node().status().invalidDropped();
        byte[] lie = forge.privateMessage(Identity.generate(), target.node().id(), targetKey(),
                "sealed with a key that is not mallory's");
        mallory.send(lie);
        byte[] honest = forge.privateMessage(malloryId, target.node().id(), targetKey(),
                "sealed with mallory's own key");
        mallory.send(honest);
        sync(mallory);
        awaitForwardedToEve(honest); // in order: had the lie been forwarded, it came before

        assertEquals(0, target.count("sealed with a key that is not mallory's"));
        assertEquals(1, target.count("sealed with mallory's own key"));
        assertEquals(invalid + 1, target.node().status().invalidDropped());
        assertFalse(forwardedToEve(lie), "the target forwarded a box it found invalid");
        assertTargetSurvivedAndChatFlows();
    }

    @Test
    void aBoxThatDoesNotOpenIsRelayedByOthersAndDroppedByItsTarget() throws Exception {
        stage();
        long bobInvalid = bob.node().status().invalidDropped();
        // Sealed to the wrong key: it cannot open at bob, but the target cannot know that.
        byte[] unopenable = forge.privateMessage(malloryId, bob.node().id(), targetKey(),
                "for bob, sealed to the target's key");
        mallory.send(unopenable);
        sync(mallory);
        awaitForwardedToEve(unopenable);

        Await.until(WAIT, () -> bob.node().status().invalidDropped() == bobInvalid + 1,
                "bob to drop and count the box");
        assertEquals(0, bob.count("for bob, sealed to the target's key"));
        assertTargetSurvivedAndChatFlows();
    }

    @Test
    void aBoxFromAnOriginWhoseKeyIsUnknownIsDroppedUntilItsAnnounceArrives() throws Exception {
        stage();
        Identity stranger = Identity.generate();
        Forgery strangerSays = new Forgery(stranger, 11);
        long invalid = target.node().status().invalidDropped();
        byte[] early = strangerSays.privateMessage(stranger, target.node().id(), targetKey(),
                "before the stranger announced");
        mallory.send(early); // relayed by mallory: the stranger is no peer of the target
        byte[] probe = forge.privateMessage(malloryId, target.node().id(), targetKey(), "probe");
        mallory.send(probe);
        awaitForwardedToEve(probe);
        assertEquals(invalid + 1, target.node().status().invalidDropped());
        assertEquals(0, target.count("before the stranger announced"));
        assertFalse(forwardedToEve(early));

        mallory.send(strangerSays.signed(PacketType.ANNOUNCE, new AnnounceBody("stranger",
                stranger.codename(), 0, List.of(), List.of(), stranger.agreementPublicKey())
                .encode()));
        NodeId strangerId = stranger.id();
        Await.until(WAIT, () -> target.node().nodes().stream()
                .anyMatch(n -> n.id().equals(strangerId)), "the target to know the stranger");
        mallory.send(strangerSays.privateMessage(stranger, target.node().id(), targetKey(),
                "after the stranger announced"));
        Await.until(WAIT, () -> target.count("after the stranger announced") == 1,
                "the target to show the stranger's message");
        assertTargetSurvivedAndChatFlows();
    }

    private void awaitForwardedToEve(byte[] packet) {
        Await.until(WAIT, () -> forwardedToEve(packet), "the target to forward it to eve");
    }

    private boolean forwardedToEve(byte[] packet) {
        Packet sent = decode(packet);
        for (byte[] frame : eve.frames) {
            if (PacketCodec.peekType(frame) == PacketType.PRIVATE) {
                Packet p = decode(frame);
                if (p.id().equals(sent.id()) && p.origin().equals(sent.origin())) {
                    return true;
                }
            }
        }
        return false;
    }
}
