package dev.ghostmesh.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link Transport} must show, whatever it runs on. A subclass says how to
 * make a transport and how to reach it; each test starts transports with a
 * {@link RecordingTransportContext} and checks what the contexts saw. After each test every
 * transport is closed, and every link that came up must have gone down exactly once, with no
 * ordering violation and no exception escaping a background thread.
 *
 * <p>A transport's test extends it and implements the three abstract methods; the tests run as
 * the subclass's:
 *
 * <pre>{@code
 * class MyTransportContractTest extends TransportContractTest {
 *     protected Transport newTransport() { return MyTransport.onAnyPort(); }
 *     protected PeerAddress addressOf(Transport t) { return t.listenAddresses().get(0); }
 *     protected PeerAddress addressNobodyListensOn() { return MyTransport.unusedAddress(); }
 * }
 * }</pre>
 *
 * <p>Threading: JUnit calls the tests on one thread; the transports run on the shared loop of
 * {@link ContextLoop} (and any threads of their own), and the recording contexts take their
 * callbacks from any thread.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
public abstract class TransportContractTest {
    /** How long any single expected event may take. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_FRAME = RecordingTransportContext.DEFAULT_MAX_FRAME_SIZE;

    private final List<Endpoint> endpoints = new ArrayList<>();
    private UncaughtExceptions uncaught;

    /** A new, unstarted transport; each call returns a distinct one. */
    protected abstract Transport newTransport();

    /** Where other transports of this kind can dial {@code started}. */
    protected abstract PeerAddress addressOf(Transport started);

    /** An address this kind of transport can dial but where nothing listens. */
    protected abstract PeerAddress addressNobodyListensOn() throws IOException;

    /** A started transport and the context recording its callbacks. */
    protected record Endpoint(Transport transport, RecordingTransportContext context) { }

    /** Both ends of one link: {@code out} at the dialer, {@code in} at the listener. */
    protected record Connection(Link out, Endpoint dialer, Link in, Endpoint listener) { }

    /** For subclasses, which say how to make and reach their transports. */
    protected TransportContractTest() {}

    @BeforeEach
    void recordUncaughtExceptions() {
        uncaught = UncaughtExceptions.install();
    }

    @AfterEach
    void closeTransportsAndCheckTheContract() {
        try {
            for (Endpoint e : endpoints) {
                e.transport().close();
            }
            for (Endpoint e : endpoints) {
                e.context().awaitAllLinksDown(TIMEOUT);
                for (Link link : e.context().linksUp()) {
                    assertEquals(1, e.context().linkDownCount(link), "onLinkDown count of " + link);
                }
                e.context().assertNoViolations();
            }
            uncaught.assertNone();
        } finally {
            uncaught.close();
        }
    }

    /** Starts a new transport; it is closed after the test. */
    protected final Endpoint start() throws IOException {
        RecordingTransportContext context = new RecordingTransportContext();
        Transport transport = newTransport();
        transport.start(context);
        Endpoint e = new Endpoint(transport, context);
        endpoints.add(e);
        return e;
    }

    /** Dials {@code listener} from {@code dialer} and waits for both ends to come up. */
    protected final Connection connect(Endpoint dialer, Endpoint listener) throws Exception {
        Link out = dialer.transport().dial(addressOf(listener.transport()))
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Link in = listener.context().nextInboundLink(TIMEOUT);
        return new Connection(out, dialer, in, listener);
    }

    @Test
    void dialCompletesWithAnOutboundLinkOnlyAfterOnLinkUp() throws Exception {
        Endpoint a = start();
        Endpoint b = start();
        PeerAddress target = addressOf(b.transport());
        assertTrue(a.transport().supports(target));
        CompletableFuture<Link> dial = a.transport().dial(target);
        CompletableFuture<Boolean> upBeforeCompletion = dial.thenApply(a.context()::isUp);
        assertTrue(upBeforeCompletion.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                "onLinkUp must be raised before the dial future completes");

        Link out = dial.join();
        assertEquals(List.of(out), a.context().linksUp());
        assertFalse(out.inbound());
        assertEquals(target, out.remoteAddress());
        Link in = b.context().nextInboundLink(TIMEOUT);
        assertTrue(in.inbound());
        assertNotNull(in.remoteAddress());
    }

    @Test
    void framesFlowBothWaysInOrder() throws Exception {
        Connection c = connect(start(), start());
        int count = 500;
        List<byte[]> toListener = new ArrayList<>();
        List<byte[]> toDialer = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < count; i++) {
            toListener.add(numbered(i, 1 + random.nextInt(300)));
            toDialer.add(numbered(i, 1 + random.nextInt(300)));
        }
        toListener.add(randomBytes(MAX_FRAME, random));
        toDialer.add(randomBytes(MAX_FRAME, random));
        for (int i = 0; i <= count; i++) {
            assertTrue(c.out().send(toListener.get(i)), "send " + i + " to listener");
            assertTrue(c.in().send(toDialer.get(i)), "send " + i + " to dialer");
        }
        assertFramesEqual(toListener, c.listener().context().awaitFrames(c.in(), count + 1, TIMEOUT));
        assertFramesEqual(toDialer, c.dialer().context().awaitFrames(c.out(), count + 1, TIMEOUT));
    }

    @Test
    void maxSizeAndOneByteFramesArriveIntact() throws Exception {
        Connection c = connect(start(), start());
        byte[] big = randomBytes(MAX_FRAME, new Random(7));
        byte[] tiny = {42};
        assertTrue(c.out().send(big));
        assertTrue(c.out().send(tiny));
        assertTrue(c.in().send(tiny));
        assertFramesEqual(List.of(big, tiny),
                c.listener().context().awaitFrames(c.in(), 2, TIMEOUT));
        assertFramesEqual(List.of(tiny), c.dialer().context().awaitFrames(c.out(), 1, TIMEOUT));
    }

    @Test
    void oneArrayQueuedOnSeveralLinksIsDeliveredToAllAndNeverModified() throws Exception {
        Endpoint hub = start();
        Connection first = connect(hub, start());
        Connection second = connect(hub, start());
        byte[] frame = randomBytes(4096, new Random(3));
        byte[] copy = frame.clone();
        assertTrue(first.out().send(frame));
        assertTrue(second.out().send(frame));
        byte[] atFirst = first.listener().context().awaitFrames(first.in(), 1, TIMEOUT).get(0);
        byte[] atSecond = second.listener().context().awaitFrames(second.in(), 1, TIMEOUT).get(0);
        assertArrayEquals(copy, atFirst);
        assertArrayEquals(copy, atSecond);
        // Each receiver owns what onFrame hands it (the core may patch it in place), so even an
        // in-memory transport must hand over a copy, never the sender's array or a shared one.
        assertNotSame(frame, atFirst, "the receiver gets its own array");
        assertNotSame(atFirst, atSecond, "each delivery gets a fresh array");
        assertArrayEquals(copy, frame, "the sent array must not be modified");
    }

    @Test
    void closeRaisesExactlyOneCleanLinkDownOnEachSide() throws Exception {
        Connection c = connect(start(), start());
        c.out().close();
        c.out().close();
        assertNull(c.dialer().context().awaitLinkDown(c.out(), TIMEOUT), "local clean close");
        assertNull(c.listener().context().awaitLinkDown(c.in(), TIMEOUT), "remote clean close");
        c.in().close();
        assertEquals(1, c.dialer().context().linkDownCount(c.out()));
        assertEquals(1, c.listener().context().linkDownCount(c.in()));
    }

    @Test
    void closeByTheListeningSideIsSeenByTheDialer() throws Exception {
        Connection c = connect(start(), start());
        c.in().close();
        assertNull(c.listener().context().awaitLinkDown(c.in(), TIMEOUT));
        assertNull(c.dialer().context().awaitLinkDown(c.out(), TIMEOUT));
    }

    @Test
    void sendAfterCloseReturnsFalseOnBothSides() throws Exception {
        Connection c = connect(start(), start());
        c.out().close();
        assertFalse(c.out().send(new byte[] {1}), "send right after close()");
        c.listener().context().awaitLinkDown(c.in(), TIMEOUT);
        assertFalse(c.in().send(new byte[] {1}), "send on a link the peer closed");
    }

    @Test
    void framesQueuedBeforeCloseAreDeliveredBeforeLinkDown() throws Exception {
        Connection c = connect(start(), start());
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] frame = numbered(i, 1000);
            sent.add(frame);
            assertTrue(c.out().send(frame));
        }
        c.out().close();
        assertNull(c.listener().context().awaitLinkDown(c.in(), TIMEOUT));
        assertFramesEqual(sent, c.listener().context().frames(c.in()));
    }

    @Test
    void framesQueuedBeforeCloseAreDeliveredEvenWhileThePeerKeepsSending() throws Exception {
        Connection c = connect(start(), start());
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] frame = numbered(i, 2000);
            sent.add(frame);
            assertTrue(c.out().send(frame));
            c.in().send(numbered(-i, 2000)); // unread input at the closing side must not
        }                                     // turn the close into a reset that loses frames
        c.out().close();
        c.listener().context().awaitLinkDown(c.in(), TIMEOUT);
        assertFramesEqual(sent, c.listener().context().frames(c.in()));
    }

    @Test
    void dialToAnAddressNobodyListensOnFailsTheFuture() throws Exception {
        Endpoint a = start();
        Throwable failure = failureOf(a.transport().dial(addressNobodyListensOn()), TIMEOUT);
        assertNotNull(failure.getMessage(), "a user-facing message");
        assertFalse(failure.getMessage().isBlank(), "a user-facing message");
        assertTrue(a.context().linksUp().isEmpty(), "no link came up");
    }

    @Test
    void closingATransportRaisesLinkDownForEveryLinkOnBothSides() throws Exception {
        Endpoint a = start();
        Endpoint b = start();
        Endpoint c = start();
        Connection ab1 = connect(a, b);
        Connection ab2 = connect(a, b);
        Connection ca = connect(c, a);
        a.transport().close();
        a.context().awaitAllLinksDown(TIMEOUT);
        assertEquals(3, a.context().linksUp().size());
        b.context().awaitLinkDown(ab1.in(), TIMEOUT);
        b.context().awaitLinkDown(ab2.in(), TIMEOUT);
        c.context().awaitLinkDown(ca.out(), TIMEOUT);
        assertFalse(ab1.out().send(new byte[] {1}));
        a.transport().close(); // idempotent
    }

    @Test
    void linkIdentityIsStableAcrossCallbacks() throws Exception {
        Connection c = connect(start(), start());
        c.out().send(new byte[] {5});
        c.listener().context().awaitFrames(c.in(), 1, TIMEOUT);
        assertSame(c.in(), c.listener().context().linksUp().get(0),
                "onFrame is raised with the same Link object as onLinkUp");
    }

    /** A frame of {@code size} bytes (at least 4) starting with {@code n}. */
    protected static byte[] numbered(int n, int size) {
        byte[] frame = new byte[Math.max(4, size)];
        ByteBuffer.wrap(frame).putInt(n);
        for (int i = 4; i < frame.length; i++) {
            frame[i] = (byte) (n + i);
        }
        return frame;
    }

    /** {@code size} bytes from {@code random}. */
    protected static byte[] randomBytes(int size, Random random) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    /** Asserts that {@code actual} holds the same frames, byte for byte, in the same order. */
    protected static void assertFramesEqual(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size(), "frame count");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "frame " + i);
        }
    }

    /** Waits for {@code future} and returns what it failed with, or fails the test. */
    protected static Throwable failureOf(CompletableFuture<?> future, Duration timeout)
            throws InterruptedException, TimeoutException {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the future to fail, but it completed");
    }
}
