package dev.ghostmesh.testing;

import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.TransportContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A {@link TransportContext} for tests: records every callback per link, lets a test wait for
 * events with a deadline, and records contract violations (a frame before onLinkUp, a second
 * onLinkDown, a reused frame array, ...) instead of throwing them on the transport's thread,
 * where nobody would see them. Tests call {@link #assertNoViolations()} at the end.
 *
 * <p>Threading: callbacks may come from any thread; the query and wait methods are called by the
 * test thread. One monitor guards everything (held only briefly, so callbacks never block long).
 */
public final class RecordingTransportContext extends ContextLoop.Looped {
    /** The frame limit the core uses, and the default here. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 64 * 1024;

    private final int maxFrameSize;
    private final Map<Link, LinkRecord> records = new IdentityHashMap<>();
    private final List<Link> ups = new ArrayList<>();
    private final Set<Link> claimed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<String> violations = new ArrayList<>();
    private final Set<String> callbackThreads = new LinkedHashSet<>();
    private final Set<byte[]> seenArrays = Collections.newSetFromMap(new IdentityHashMap<>());

    private static final class LinkRecord {
        final List<byte[]> frames = new ArrayList<>();
        int downs;
        Throwable cause;
    }

    /** A context with the core's frame limit. */
    public RecordingTransportContext() {
        this(DEFAULT_MAX_FRAME_SIZE);
    }

    /** A context that accepts frames up to {@code maxFrameSize} bytes. */
    public RecordingTransportContext(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    public int maxFrameSize() {
        return maxFrameSize;
    }

    @Override
    public synchronized void onLinkUp(Link link) {
        callbackThreads.add(Thread.currentThread().getName());
        if (link == null) {
            violation("onLinkUp(null)");
        } else if (records.containsKey(link)) {
            violation("onLinkUp twice for " + link);
        } else {
            records.put(link, new LinkRecord());
            ups.add(link);
        }
        notifyAll();
    }

    @Override
    public synchronized void onFrame(Link link, byte[] frame) {
        callbackThreads.add(Thread.currentThread().getName());
        LinkRecord r = records.get(link);
        if (r == null) {
            violation("onFrame before onLinkUp for " + link);
        } else if (r.downs > 0) {
            violation("onFrame after onLinkDown for " + link);
        } else if (frame == null || frame.length == 0 || frame.length > maxFrameSize) {
            violation("onFrame with a bad frame (" + (frame == null ? "null" : frame.length
                    + " bytes") + ") for " + link);
        } else if (!seenArrays.add(frame)) {
            violation("the same frame array was delivered twice on " + link);
        } else {
            r.frames.add(frame);
        }
        notifyAll();
    }

    @Override
    public synchronized void onLinkDown(Link link, Throwable cause) {
        callbackThreads.add(Thread.currentThread().getName());
        LinkRecord r = records.get(link);
        if (r == null) {
            violation("onLinkDown before onLinkUp for " + link);
        } else if (++r.downs > 1) {
            violation("onLinkDown raised " + r.downs + " times for " + link);
        } else {
            r.cause = cause;
        }
        notifyAll();
    }

    /**
     * Waits for the next inbound link (one the peer dialed) that came up and was not yet
     * returned by this method.
     */
    public synchronized Link nextInboundLink(Duration timeout) {
        await(() -> unclaimedInbound() != null, timeout, "an inbound link to come up");
        Link link = unclaimedInbound();
        claimed.add(link);
        return link;
    }

    private Link unclaimedInbound() {
        for (Link link : ups) {
            if (link.inbound() && !claimed.contains(link)) {
                return link;
            }
        }
        return null;
    }

    /** Every link that came up, in order. */
    public synchronized List<Link> linksUp() {
        return List.copyOf(ups);
    }

    /** True if onLinkUp was raised for {@code link}. */
    public synchronized boolean isUp(Link link) {
        return records.containsKey(link);
    }

    /** The frames received on {@code link} so far, in order. */
    public synchronized List<byte[]> frames(Link link) {
        LinkRecord r = records.get(link);
        return r == null ? List.of() : List.copyOf(r.frames);
    }

    /** Waits until {@code link} has received at least {@code count} frames; returns them all. */
    public synchronized List<byte[]> awaitFrames(Link link, int count, Duration timeout) {
        await(() -> frames(link).size() >= count, timeout, count + " frames on " + link);
        return frames(link);
    }

    /** True once onLinkDown was raised for {@code link}. */
    public synchronized boolean isDown(Link link) {
        LinkRecord r = records.get(link);
        return r != null && r.downs > 0;
    }

    /** How often onLinkDown was raised for {@code link} (the contract says at most once). */
    public synchronized int linkDownCount(Link link) {
        LinkRecord r = records.get(link);
        return r == null ? 0 : r.downs;
    }

    /** Waits for onLinkDown on {@code link}; returns its cause (null for a clean close). */
    public synchronized Throwable awaitLinkDown(Link link, Duration timeout) {
        await(() -> isDown(link), timeout, "onLinkDown for " + link);
        return records.get(link).cause;
    }

    /** Waits until every link that came up has gone down. */
    public synchronized void awaitAllLinksDown(Duration timeout) {
        await(() -> ups.stream().allMatch(this::isDown), timeout, "every link to go down");
    }

    /** Names of the threads that made callbacks. */
    public synchronized Set<String> callbackThreads() {
        return Set.copyOf(callbackThreads);
    }

    /** Contract violations seen so far. */
    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** Throws an AssertionError listing the violations, if any. */
    public synchronized void assertNoViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError("transport contract violations: " + violations);
        }
    }

    /** Waits on this context's monitor until {@code condition} holds, or fails at the deadline. */
    public synchronized void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout.toMillis()
                        + " ms waiting for " + what);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    private void violation(String what) {
        violations.add(what + " (on " + Thread.currentThread().getName() + ")");
    }
}
