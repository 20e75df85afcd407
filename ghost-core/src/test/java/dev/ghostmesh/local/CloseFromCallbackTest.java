package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.MeshException;
import dev.ghostmesh.MeshListener;
import dev.ghostmesh.Message;
import dev.ghostmesh.local.VirtualMesh.Node;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A listener may close its own node: close() runs the goodbye at once instead of waiting for the
 * loop or the callback executor, both of which would be waiting for the callback itself.
 */
class CloseFromCallbackTest {
    @Test
    @Timeout(30)
    void closeFromInsideACallbackReturnsAtOnceAndTheGoodbyeStillReachesThePeer()
            throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            Node a = mesh.start("qa", UnaryOperator.identity());
            Node b = mesh.start("qb", UnaryOperator.identity());
            mesh.link(a, b);
            AtomicBoolean closedInside = new AtomicBoolean();
            b.node().addListener(new MeshListener() {
                @Override
                public void onMessage(Message m) {
                    if (m.text().equals("/quit")) {
                        b.node().close(); // on the host's thread, inside the run
                        closedInside.set(true);
                    }
                }
            });
            mesh.await(a.node().broadcast("/quit"));
            Duration sentAt = mesh.now();
            mesh.runUntil(closedInside::get, "b to close from its callback");
            mesh.runUntil(() -> a.node().peers().isEmpty(), "a to hear b's goodbye");
            assertTrue(mesh.now().minus(sentAt).compareTo(Duration.ofSeconds(1)) < 0,
                    "the goodbye went out at once, not at a link timeout: "
                            + mesh.now().minus(sentAt));
            ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    ExecutionException.class, () -> mesh.await(b.node().broadcast("after")));
            assertEquals(MeshException.class, refused.getCause().getClass());
        }
    }
}
