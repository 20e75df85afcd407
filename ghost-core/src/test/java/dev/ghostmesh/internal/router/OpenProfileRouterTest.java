package dev.ghostmesh.internal.router;

import static dev.ghostmesh.fixtures.ByteSearch.indexOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.internal.codec.Bodies;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.router.FloodRouter.Decision;
import dev.ghostmesh.internal.router.FloodRouter.Outcome;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The router without signatures (the open profile) takes unsigned packets and still refuses
 * everything else it refuses; the secure router refuses them.
 */
class OpenProfileRouterTest {
    private static final Identity ME = Identity.generate();
    private static final Identity ALICE = Identity.generate();
    private static final Identity CAROL = Identity.generate();
    private static final long NOW = 1_780_000_000_000L;
    private static final long DAY = 24 * 3600 * 1000L;
    private static final List<String> LINKS = List.of("link-1", "link-2");

    private final Random ids = new Random(5);
    private long seq = 1;
    private final FloodRouter<String> open = router(false);
    private final FloodRouter<String> secure = router(true);

    private static FloodRouter<String> router(boolean signaturesRequired) {
        return new FloodRouter<>(ME.id(), new SeenCache(1024, 600_000), new ReplayWindow(64),
                DAY, signaturesRequired);
    }

    private byte[] unsigned(String text, long timestamp, long sequence) {
        return PacketCodec.encode(ALICE, PacketType.BROADCAST, MessageId.random(ids), 5,
                timestamp, sequence, Bodies.broadcast(text), false);
    }

    private byte[] unsigned(String text) {
        return unsigned(text, NOW, seq++);
    }

    @Test
    void anUnsignedPacketIsDeliveredAndRelayedUnsignedInTheOpenProfile() throws Exception {
        Decision<String> d = open.route(unsigned("plain"), "link-1", LINKS, NOW);
        assertEquals(Outcome.ACCEPTED, d.outcome());
        assertTrue(d.deliver());
        assertEquals(new Bodies.Broadcast("plain"), d.body());
        assertEquals(List.of("link-2"), d.forwardTo());
        assertFalse(PacketCodec.decode(d.forwardFrame()).signed(), "relayed as it came");
        assertEquals(4, PacketCodec.decode(d.forwardFrame()).ttl());
    }

    @Test
    void theSecureRouterRefusesAnUnsignedPacketWithoutMarkingItSeen() {
        byte[] frame = unsigned("sneak");
        Decision<String> d = secure.route(frame, "link-1", LINKS, NOW);
        assertEquals(Outcome.BAD_SIGNATURE, d.outcome());
        assertFalse(d.deliver());
        assertNull(d.forwardFrame());
        assertEquals(Outcome.BAD_SIGNATURE, secure.route(frame, "link-2", LINKS, NOW).outcome(),
                "refused again, not dropped as a duplicate: it never entered the seen cache");
    }

    @Test
    void anOriginKeyThatDoesNotHashToTheOriginIdIsRefusedInTheOpenProfile() {
        byte[] spoofed = unsigned("i am carol");
        int idAt = indexOf(spoofed, ALICE.id().bytes());
        CAROL.id().writeTo(spoofed, idAt); // carol's id with alice's key
        assertEquals(Outcome.BAD_SIGNATURE, open.route(spoofed, "link-1", LINKS, NOW).outcome());
    }

    @Test
    void theOpenProfileKeepsTheSeenCacheTtlTimestampAndReplayChecks() {
        byte[] frame = unsigned("once");
        assertEquals(Outcome.ACCEPTED, open.route(frame, "link-1", LINKS, NOW).outcome());
        assertEquals(Outcome.DUPLICATE, open.route(frame, "link-2", LINKS, NOW).outcome());

        assertEquals(Outcome.STALE, open.route(unsigned("future", NOW + 2 * DAY, seq++), "link-1",
                LINKS, NOW).outcome());
        assertEquals(Outcome.STALE, open.route(unsigned("past", NOW - 2 * DAY, seq++), "link-1",
                LINKS, NOW).outcome());

        long reused = seq++;
        assertEquals(Outcome.ACCEPTED, open.route(unsigned("first", NOW, reused), "link-1", LINKS,
                NOW).outcome());
        assertEquals(Outcome.REPLAYED, open.route(unsigned("same seq, new id", NOW, reused),
                "link-1", LINKS, NOW).outcome());

        byte[] lastHop = PacketCodec.encode(ALICE, PacketType.BROADCAST, MessageId.random(ids), 1,
                NOW, seq++, Bodies.broadcast("last hop"), false);
        Decision<String> d = open.route(lastHop, "link-1", LINKS, NOW);
        assertTrue(d.deliver());
        assertNull(d.forwardFrame(), "TTL 1: delivered, not relayed");
    }

    @Test
    void theOpenRouterTakesSignedPacketsWithoutCheckingTheSignature() {
        // The open profile ignores the signature field: a signed packet is taken like any other.
        byte[] signed = PacketCodec.encode(ALICE, PacketType.BROADCAST, MessageId.random(ids), 5,
                NOW, seq++, Bodies.broadcast("signed"));
        assertEquals(Outcome.ACCEPTED, open.route(signed, "link-1", LINKS, NOW).outcome());
    }
}
