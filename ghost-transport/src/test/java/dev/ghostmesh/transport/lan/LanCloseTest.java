package dev.ghostmesh.transport.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.testing.Await;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Closing: prompt, idempotent, leaves the group, and safe from a callback on the loop. */
class LanCloseTest extends LanTestSupport {
    @Test
    void closeIsPromptIdempotentAndClosesTheSocket() throws Exception {
        Node a = start();
        Node b = start();
        Await.until(TIMEOUT, () -> a.found(b), "a finds b");
        long t0 = System.nanoTime();
        a.discovery().close();
        long millis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        System.out.println("close() took " + millis + " ms");
        assertTrue(millis < 200, "close took " + millis + " ms");
        assertTrue(!a.discovery().isOpen() && b.discovery().isOpen(), "only b's socket is open");
        a.discovery().close();
        assertThrows(IllegalStateException.class, () -> a.discovery().start(a.context()));
    }

    @Test
    void aClosedNodeFallsSilentAndIsForgottenAfterThreeIntervals() throws Exception {
        Node a = start();
        Node b = start();
        Await.until(TIMEOUT, () -> a.found(b) && b.found(a), "a and b find each other");
        a.discovery().close();
        long received = a.discovery().stats().beaconsReceived();
        // b forgets a after three silent intervals; a, closed, hears nothing more.
        Await.until(TIMEOUT, () -> b.discovery().peers().isEmpty(), "b to forget a");
        assertEquals(received, a.discovery().stats().beaconsReceived());
        // A new discovery on the same port works as before.
        Node c = start();
        Await.until(TIMEOUT, () -> c.found(b) && b.found(c), "b and c find each other");
    }

    @Test
    void closeBeforeStartIsHarmlessAndStartTwiceIsAnError() throws Exception {
        LanDiscovery never = loopback().build();
        never.close();
        never.close();
        assertThrows(IllegalStateException.class, () -> never.start(
                new RecordingDiscoveryContext(Identity.generate().id(), 1)));
        Node a = start();
        assertThrows(IllegalStateException.class, () -> a.discovery().start(a.context()));
        assertEquals(1, openDiscoveries());
    }

    @Test
    void closeFromAReportCallbackDoesNotWaitForItself() throws Exception {
        Node b = start();
        AtomicReference<LanDiscovery> self = new AtomicReference<>();
        RecordingDiscoveryContext context = new RecordingDiscoveryContext(
                Identity.generate().id(), 4321);
        context.onReport(r -> self.get().close());
        LanDiscovery a = loopback().build();
        track(a::close);
        self.set(a);
        a.start(context);
        Await.until(TIMEOUT, () -> !context.reports().isEmpty(), "a report");
        Await.until(TIMEOUT, () -> !a.isOpen(), "a to close from its own callback");
        assertEquals(1, context.reports().size());
        context.assertNoViolations();
        assertTrue(b.discovery().stats().beaconsSent() > 0);
    }
}
