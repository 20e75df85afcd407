package dev.ghostmesh.internal.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ghostmesh.Identity;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.crypto.PlaintextFrames;
import dev.ghostmesh.internal.runtime.TokenBucket;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A young link's packets are kept and handed back when it closes: to its surviving duplicate at
 * once, or to the next link to the same peer within the keep time; pings are not kept, nor
 * anything after the keep time.
 */
class EarlyFramesTest {
    private static final long SECOND = 1_000_000_000L;
    private final Identity peerIdentity = Identity.generate();
    private final EarlyFrames early = new EarlyFrames();
    private final byte[] packet = {(byte) 0x9b, 1, 2};
    private final byte[] ping = LinkFrames.keepalive(PacketType.PING);

    private LinkSession readyLink() {
        LinkSession s = new LinkSession(new RecordingLink(), new TokenBucket(10, 10, 0), 0);
        s.handshake().peerHello = new LinkFrames.Hello(peerIdentity.id(), new byte[32],
                new byte[32], "bob", 7000);
        s.handshake().cipher = PlaintextFrames.INSTANCE;
        s.becomeReady(new PeerInfo(peerIdentity.id(), "bob", PeerAddress.tcp("127.0.0.1", 7000),
                7000, false, Instant.EPOCH));
        return s;
    }

    @Test
    void aClosedDuplicatesPacketsGoToTheSurvivor() {
        LinkSession loser = readyLink();
        LinkSession survivor = readyLink();
        early.onReady(loser, 0);
        early.onReady(survivor, 0);
        loser.send(packet);
        loser.send(ping);
        List<byte[]> again = early.onClosed(loser, survivor, SECOND);
        assertEquals(1, again.size(), "the packet, not the ping");
        assertSame(packet, again.get(0));
        assertEquals(List.of(), early.onReady(readyLink(), SECOND), "nothing left waiting");
    }

    @Test
    void withNoSurvivorThePacketsWaitForTheNextLinkWithinTheKeepTime() {
        LinkSession first = readyLink();
        early.onReady(first, 0);
        first.send(packet);
        assertEquals(List.of(), early.onClosed(first, null, SECOND));
        List<byte[]> backlog = early.onReady(readyLink(), 2 * SECOND);
        assertEquals(1, backlog.size());
        assertSame(packet, backlog.get(0));

        LinkSession late = readyLink();
        early.onReady(late, 10 * SECOND);
        late.send(packet);
        early.onClosed(late, null, 11 * SECOND);
        early.expire(List.of(), 11 * SECOND + EarlyFrames.KEEP_NANOS + 1);
        assertEquals(List.of(), early.onReady(readyLink(), 12 * SECOND + EarlyFrames.KEEP_NANOS),
                "gone after the keep time");
    }

    @Test
    void aLinkPastTheKeepTimeKeepsNothing() {
        LinkSession s = readyLink();
        early.onReady(s, 0);
        early.expire(List.of(s), EarlyFrames.KEEP_NANOS + 1);
        assertNull(s.early);
        s.send(packet);
        assertEquals(List.of(), early.onClosed(s, readyLink(), EarlyFrames.KEEP_NANOS + 2));
    }
}
