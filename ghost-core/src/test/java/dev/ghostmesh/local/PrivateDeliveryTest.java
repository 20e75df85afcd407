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
 * Delivery receipts of end-to-end private messages: a message to a node whose key is not known
 * yet waits for its announce, and is reported undelivered, with the reason, if none comes
 * within the receipt timeout.
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
    void aPrivateMessageToANodeWhoseKeyNeverArrivesIsReportedUndeliveredWithTheReason()
            throws Exception {
        TestNode a = start("ka", QUICK_RECEIPTS);
        var unknown = Identity.generate().id();
        Message sent = a.node().sendPrivate(unknown, "hello?")
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Await.until(WAIT, () -> a.events().undelivered.size() == 1, "the undelivered report");
        String report = a.events().undelivered.get(0);
        assertTrue(report.startsWith(sent.text() + ": no key for " + unknown.shortHex()
                + " within 500 ms") && report.endsWith("has not announced itself to this node"),
                report);
        assertTrue(a.events().delivered.isEmpty());
    }

    @Test
    void aPrivateMessageWaitsForItsTargetsKeyAndIsDeliveredWhenItArrives() throws Exception {
        TestNode a = start("wa");
        TestNode b = start("wb");
        Message sent = a.node().sendPrivate(b.node().id(), "before we met")
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        link(a, b); // only now does a learn b's key
        Await.until(WAIT, () -> b.count("before we met") == 1, "b to get it");
        Await.until(WAIT, () -> a.events().delivered.stream()
                .anyMatch(m -> m.id().equals(sent.id())), "a to hear it was delivered");
    }
}
