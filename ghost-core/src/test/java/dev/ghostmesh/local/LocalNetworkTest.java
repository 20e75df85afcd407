package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.TransportContext;
import dev.ghostmesh.testing.Await;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import dev.ghostmesh.testing.ContextLoop;
import org.junit.jupiter.api.Test;

class LocalNetworkTest {
    /** Counts frames and remembers when the first one arrived. */
    static final class Sink extends ContextLoop.Looped {
        final AtomicInteger frames = new AtomicInteger();
        final AtomicLong firstArrivalNanos = new AtomicLong();
        final AtomicInteger downs = new AtomicInteger();

        @Override
        public void onLinkUp(Link link) {}

        @Override
        public void onFrame(Link link, byte[] frame) {
            firstArrivalNanos.compareAndSet(0, System.nanoTime());
            frames.incrementAndGet();
        }

        @Override
        public void onLinkDown(Link link, Throwable cause) {
            downs.incrementAndGet();
        }

        @Override
        public int maxFrameSize() {
            return 65536;
        }
    }

    /** Starts transports "a" and "b" on {@code net} and returns a's link to b. */
    private static Link linkInto(LocalNetwork net, Sink sinkB) throws Exception {
        LocalTransport a = net.transport("a");
        LocalTransport b = net.transport("b");
        a.start(new Sink());
        b.start(sinkB);
        return a.dial(b.address()).get(5, TimeUnit.SECONDS);
    }

    private static int deliveredOutOf(int sent, double lossRate, long seed) throws Exception {
        try (LocalNetwork net = LocalNetwork.builder().lossRate(lossRate).seed(seed).build()) {
            Sink sinkB = new Sink();
            Link link = linkInto(net, sinkB);
            for (int i = 0; i < sent; i++) {
                assertTrue(link.send(new byte[] {1}));
            }
            link.close();
            Await.until(Duration.ofSeconds(5), () -> sinkB.downs.get() == 1, "close to arrive");
            return sinkB.frames.get();
        }
    }

    @Test
    void lossDropsAboutTheConfiguredShareAndRepeatsForASeed() throws Exception {
        int first = deliveredOutOf(2000, 0.25, 42);
        int second = deliveredOutOf(2000, 0.25, 42);
        assertEquals(first, second, "same seed, same losses");
        assertTrue(first > 1350 && first < 1650, "delivered " + first + " of 2000 at 25% loss");
        assertEquals(2000, deliveredOutOf(2000, 0, 42));
    }

    @Test
    void latencyDelaysEveryFrameAndTheCloseComesAfterThem() throws Exception {
        try (LocalNetwork net = LocalNetwork.builder().latency(Duration.ofMillis(80)).build()) {
            Sink sinkB = new Sink();
            Link link = linkInto(net, sinkB);
            long sentAt = System.nanoTime();
            link.send(new byte[] {1});
            link.send(new byte[] {2});
            link.close();
            assertFalse(link.send(new byte[] {3}), "a closing link refuses frames");
            Await.until(Duration.ofSeconds(5), () -> sinkB.downs.get() == 1, "close to arrive");
            assertEquals(2, sinkB.frames.get(), "frames sent before the close arrive first");
            long delayMillis = (sinkB.firstArrivalNanos.get() - sentAt) / 1_000_000;
            assertTrue(delayMillis >= 79, "arrived after " + delayMillis + " ms, latency is 80");
        }
    }

    @Test
    void dialingAnUnknownNameFails() {
        try (LocalNetwork net = LocalNetwork.create()) {
            LocalTransport a = net.transport("a");
            var error = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> {
                        a.start(new Sink());
                        a.dial(PeerAddress.local("nobody"))
                                .get(5, TimeUnit.SECONDS);
                    });
            assertTrue(error.getMessage().contains("no local node named 'nobody'"),
                    error.getMessage());
        }
    }

    @Test
    void aLocalTransportClaimsOnlyLocalAddresses() {
        try (LocalNetwork net = LocalNetwork.create()) {
            LocalTransport a = net.transport("a");
            net.transport("b");
            assertEquals(PeerAddress.local("a"), a.address());
            assertTrue(a.supports(PeerAddress.local("b")));
            assertTrue(a.supports(PeerAddress.local("nobody")), "refused only when dialed");
            assertFalse(a.supports(PeerAddress.tcp("b", 1)), "b:1 was a local address once");
            assertFalse(a.supports(new PeerAddress("quic", "b", 0)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> a.dial(PeerAddress.tcp("b", 1)));
            assertEquals("a local transport cannot dial tcp:b:1", e.getMessage());
        }
    }

    @Test
    void aNameIsNeverAllDigits() {
        try (LocalNetwork net = LocalNetwork.create()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.transport("42"));
            assertEquals("invalid local name '42': must not be all digits (local:42 reads as a"
                    + " TCP address)", e.getMessage());
            assertEquals(PeerAddress.local("node-42"), net.transport("node-42").address());
            e = assertThrows(IllegalArgumentException.class, () -> net.transport(" a"));
            assertEquals("invalid local name ' a': no white space around it", e.getMessage());
        }
    }
}
