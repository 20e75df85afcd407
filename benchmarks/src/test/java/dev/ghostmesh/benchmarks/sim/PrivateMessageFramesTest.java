package dev.ghostmesh.benchmarks.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Private messages in a 30-node mesh in virtual time travel the route, not the whole mesh: each
 * costs the frames of the shortest path there and back (the message and its receipt), far fewer
 * than a broadcast in the same mesh, which costs a flood. Were private messages or their receipts
 * flooded, each would cost at least a broadcast's frames, and this would fail.
 */
class PrivateMessageFramesTest {
    @Test
    void aPrivateMessageCostsItsRouteThereAndBackAndFewerFramesThanABroadcast()
            throws Exception {
        PrivateFramesResult r = PrivateMessageFrames.run(
                PrivateMessageFrames.Options.of(30, 4, 8, 2, 3, Duration.ofMillis(10)),
                System.out);
        System.out.print(r.table());

        assertEquals(8, r.privates().size());
        assertTrue(r.allDelivered(), "every private message reached its target once and its"
                + " receipt came back, every broadcast reached every node once: " + r.table());
        long fewestBroadcastFrames = r.broadcasts().stream()
                .mapToLong(PrivateFramesResult.Broadcast::frames).min().orElseThrow();
        assertEquals(r.floodFrames(), fewestBroadcastFrames, "a broadcast floods: " + r.table());
        for (PrivateFramesResult.Private p : r.privates()) {
            assertTrue(p.frames() < fewestBroadcastFrames, p + " against " + r.table());
            assertEquals(2L * p.distance(), p.frames(), "the message along the shortest path,"
                    + " the receipt back along it, nothing else: " + p);
            assertEquals(p.distance(), p.hops(), "the target got it the shortest way: " + p);
        }
        assertTrue(r.privateMax() * 5 < r.broadcastMean(), r.table());
    }

    @Test
    void optionsAreNamedAndChecked() {
        PrivateMessageFrames.Options o = PrivateMessageFrames.parse(
                new String[] {"--nodes", "40", "--messages", "7", "--latency-ms", "3"});
        assertEquals(40, o.mesh().nodes());
        assertEquals(4, o.mesh().degree());
        assertEquals(7, o.messages());
        assertEquals(Duration.ofMillis(3), o.mesh().latency());
        assertTrue(o.mesh().virtualTime());
        assertEquals(100, PrivateMessageFrames.parse(new String[0]).mesh().nodes());
        assertThrows(IllegalArgumentException.class,
                () -> PrivateMessageFrames.parse(new String[] {"--nodes"}));
        assertThrows(IllegalArgumentException.class,
                () -> PrivateMessageFrames.parse(new String[] {"--colour", "red"}));
        assertThrows(IllegalArgumentException.class,
                () -> PrivateMessageFrames.parse(new String[] {"--messages", "0"}));
    }
}
