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
    void aMessageWhoseRecipientIsCutOffIsReportedUndelivered() throws Exception {
        TestNode a = start("pa", QUICK_RECEIPTS);
        TestNode b = start("pb");
        link(a, b);
        Message first = a.node().sendPrivate(b.node().id(), "while linked")
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> a.events().delivered.size() == 1, "the first receipt");
        assertEquals(first.id(), a.events().delivered.get(0).id());

        local.network().cut("pa", "pb");
        a.node().sendPrivate(b.node().id(), "into the void")
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> a.events().undelivered.size() == 1, "the undelivered report");
        assertTrue(a.events().undelivered.get(0).startsWith("into the void: no receipt within"),
                a.events().undelivered.toString());
        assertEquals(1, a.events().delivered.size(), "no receipt for the lost message");
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
