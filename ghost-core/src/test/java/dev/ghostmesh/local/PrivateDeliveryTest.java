package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTestBase;
import dev.ghostmesh.testing.MeshTransports;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Delivery receipts of end-to-end private messages: confirmed when the recipient opens one,
 * reported undelivered when no receipt comes in time, and refused up front when the
 * recipient's key is not known.
 */
class PrivateDeliveryTest extends MeshTestBase {
    private static final UnaryOperator<MeshNode.Builder> QUICK_RECEIPTS =
            b -> b.receiptTimeout(Duration.ofMillis(500));
    private LocalMeshTransports local;

    @Override
    protected MeshTransports transports() {
        local = new LocalMeshTransports();
        return local;
    }

    @Test
    void aPrivateMessageToANodeWhoseKeyIsUnknownFailsWithAReason() {
        TestNode a = start("ka");
        var unknown = Identity.generate().nodeId();
        ExecutionException e = assertThrows(ExecutionException.class, () -> a.node()
                .sendPrivate(unknown, "hello?").get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(e.getCause().getMessage().contains("has not announced itself"),
                e.getCause().getMessage());
    }
}
