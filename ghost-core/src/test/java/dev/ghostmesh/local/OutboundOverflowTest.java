package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.local.VirtualMesh.Node;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A link whose outbound queue overflows loses a frame, and with it the nonce its peer expects
 * next: the sender closes it, with that reason, rather than leave the peer to find frames that
 * no longer decrypt and blame the sender for tampering.
 */
class OutboundOverflowTest {
    @Test
    void aLinkThatRefusesAFrameIsClosedByTheSenderAndThePeerSeesNoTampering() throws Exception {
        // A second of latency: everything sent within a virtual instant is in flight at once.
        LocalNetwork slow = LocalNetwork.builder().latency(Duration.ofSeconds(1)).build();
        try (VirtualMesh mesh = new VirtualMesh(slow)) {
            Node a = mesh.start("oa", UnaryOperator.identity());
            Node b = mesh.start("ob", UnaryOperator.identity());
            mesh.link(a, b);
            String text = "x".repeat(16 * 1024);
            long frames = LocalTransport.MAX_QUEUED_BYTES / text.length() + 16;
            for (int i = 0; i < frames; i++) {
                a.node().broadcast(text);
            }
            mesh.runUntil(() -> a.events().disconnected.size() == 1, "a to drop the link");
            assertEquals(java.util.List.of("ob: its outbound queue was full: a frame was dropped"),
                    a.events().disconnectReasons);
            assertTrue(a.node().status().sendDropped() >= 1, "the refused frame is counted");
            mesh.runUntil(() -> b.events().disconnected.size() == 1, "b to see it close");
            assertEquals(0, b.node().status().invalidDropped(),
                    "b decrypted every frame that reached it: no tampering to report");
        }
    }
}
