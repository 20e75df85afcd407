package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.fixtures.AdversaryTestBase;
import dev.ghostmesh.internal.codec.Packet;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTransports;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a node sends a new link (PROTOCOL.md, "Presence"): first its own latest ANNOUNCE as it
 * signed it, at its full TTL, then what it knows as delayed forwards, each one hop down.
 */
class LinkUpSyncTest extends AdversaryTestBase {
    @Override
    protected MeshTransports transports() {
        return new LocalMeshTransports();
    }

    @Test
    void ownAnnounceGoesFirstAtItsOriginTtlAndOthersOneHopDown() throws Exception {
        mesh(); // mallory linked to the target last, after alice and bob announced to it
        NodeId self = target.node().id();
        NodeId aliceId = alice.node().id();
        Await.until(WAIT, () -> announces().stream().anyMatch(p -> p.origin().equals(aliceId)),
                "alice's announce at mallory");
        List<Packet> announces = announces();
        Packet own = announces.get(0);
        assertEquals(self, own.origin(), "the target's own announce comes first");
        assertEquals(16, own.originTtl());
        assertEquals(own.originTtl(), own.ttl(), "not relayed: no hop spent");
        Packet aliceAnnounce = announces.stream().filter(p -> p.origin().equals(aliceId))
                .findFirst().orElseThrow();
        // Alice sent it to the target directly at ttl 16; the target passes it on at 15.
        assertEquals(15, aliceAnnounce.ttl());
        assertTrue(announces.stream().noneMatch(p -> p.origin().equals(malloryId.id())),
                "mallory's own packets are not sent back to her");
    }

    private List<Packet> announces() {
        List<Packet> out = new ArrayList<>();
        for (byte[] f : mallory.frames) {
            if (PacketCodec.peekType(f) == PacketType.ANNOUNCE) {
                out.add(decode(f));
            }
        }
        return out;
    }
}
