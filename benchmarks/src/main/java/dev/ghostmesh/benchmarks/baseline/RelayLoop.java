package dev.ghostmesh.benchmarks.baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One selector thread serving one or more relays: each turn it lets the source (if it lives
 * here) originate, flushes every link that got frames in the previous turn with one gathering
 * write each, then selects and reads. Reads forward into outbound queues; nothing is written
 * until the turn's reads are done, so a burst costs one write per link.
 *
 * <p>Threading: {@link #wakeup} and {@link #halt} may be called from any thread until
 * {@link #close}; the coordinating thread registers channels before {@link #start} and calls
 * {@link #join} and {@link #close}; everything else runs on the loop thread. A throwable on the
 * loop thread ends the loop and is kept for the coordinator ({@link #failure}).
 */
final class RelayLoop implements Runnable {
    private final Selector selector;
    private final Thread thread;
    private final ArrayDeque<Outbound.Segment> segmentPool = new ArrayDeque<>();
    private final List<RelayLink> dirty = new ArrayList<>();
    private final List<RelayLink> links = new ArrayList<>();
    private final Consumer<SelectionKey> onReady = key -> ((RelayLink) key.attachment()).onReady();
    private Origin origin;
    private volatile boolean running = true;
    private boolean closed;
    private volatile Throwable failure;

    RelayLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    ArrayDeque<Outbound.Segment> segmentPool() {
        return segmentPool;
    }

    void hostOrigin(Origin origin) {
        this.origin = origin;
    }

    SelectionKey register(SocketChannel channel, RelayLink link) throws IOException {
        channel.configureBlocking(false);
        links.add(link);
        return channel.register(selector, SelectionKey.OP_READ, link);
    }

    void markDirty(RelayLink link) {
        dirty.add(link);
    }

    void start() {
        thread.start();
    }

    void wakeup() {
        selector.wakeup();
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        try {
            while (running) {
                boolean more = origin != null && origin.originate();
                flushDirty();
                if (more) {
                    selector.selectNow(onReady);
                } else if (origin != null) {
                    origin.waiting(true);
                    if (origin.canSend() || !running) {
                        selector.selectNow(onReady);
                    } else {
                        selector.select(onReady);
                    }
                    origin.waiting(false);
                } else {
                    selector.select(onReady);
                }
            }
        } catch (IOException e) {
            failure = new UncheckedIOException(e);
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void flushDirty() {
        // Index loop: no iterator per turn on the hot path.
        for (int i = 0; i < dirty.size(); i++) {
            dirty.get(i).flushIfDirty();
        }
        dirty.clear();
    }

    /** Asks the thread to stop after its current turn. */
    void halt() {
        running = false;
        selector.wakeup();
    }

    void join() throws InterruptedException {
        thread.join(10_000);
    }

    /**
     * Closes every link and the selector. Call only once every loop was halted and joined:
     * another loop's relay may wake this selector until then.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (RelayLink link : links) {
            link.shutdown();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // The run is over; a failure to close a selector changes nothing we report.
        }
    }
}
