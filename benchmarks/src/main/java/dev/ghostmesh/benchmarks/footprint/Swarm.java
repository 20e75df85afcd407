package dev.ghostmesh.benchmarks.footprint;

import dev.ghostmesh.MessageId;
import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many {@link SwarmPeer}s linked to one node, driven by one selector thread: it reads and
 * decrypts every frame, answers the node's PINGs, sends each peer's ANNOUNCE as its link comes
 * up (unless told not to), and tracks which peers received a given broadcast. Peers dial from loopback source
 * addresses {@code 127.0.x.y} (Linux routes all of 127/8 to the loopback interface), a few
 * links per address, so the node's per-host budget of new links is not what the run measures.
 *
 * <p>Threading: {@link #dial}, {@link #broadcast} and the counters may be called from any
 * thread; peer state is touched only by the swarm thread.
 */
final class Swarm implements Closeable {
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<SwarmPeer> peers = new ArrayList<>(); // swarm thread only
    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong linksLost = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final boolean announce;
    private volatile boolean running = true;
    /** The broadcast being tracked, if any; swarm thread only. */
    private BroadcastTracking tracking;

    /** A swarm whose peers announce themselves as their links come up, as nodes do. */
    Swarm() throws IOException {
        this(true);
    }

    /**
     * @param announce whether peers announce themselves; without it the node's directory stays
     *     empty and the run measures links and handshakes alone, not the relaying of n² announces
     */
    Swarm(boolean announce) throws IOException {
        this.announce = announce;
        selector = Selector.open();
        thread = new Thread(this::loop, "swarm");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Opens {@code count} links to {@code target} with {@code dialers} threads, at most
     * {@code perSource} from each source address; returns when every peer got its ACCEPT.
     *
     * @throws IOException naming the first peer that failed
     */
    void dial(InetSocketAddress target, int count, int perSource, int dialers)
            throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(dialers);
        try {
            List<Future<SwarmPeer>> opened = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                InetAddress source = sourceAddress(index / perSource);
                opened.add(pool.submit(() -> {
                    SwarmPeer p = SwarmPeer.open(index, target, source);
                    execute(() -> register(p));
                    return p;
                }));
            }
            for (Future<SwarmPeer> f : opened) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException(e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** 127.0.x.y for the n-th source, skipping 127.0.0.0/1 and y of 0 and 255. */
    static InetAddress sourceAddress(int n) throws IOException {
        int y = 2 + n % 250;
        int x = n / 250;
        if (x > 255) {
            throw new IllegalArgumentException("too many source addresses: " + n);
        }
        return InetAddress.getByAddress(new byte[] {127, 0, (byte) x, (byte) y});
    }

    /**
     * Sends a broadcast from peer {@code from}; the future completes with the nanoseconds from
     * sending until every other peer received it.
     */
    CompletableFuture<Long> broadcast(int from, String text) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        execute(() -> {
            SwarmPeer sender = peers.stream().filter(p -> p.index == from).findFirst()
                    .orElseThrow();
            MessageId id = MessageId.random();
            tracking = new BroadcastTracking(id, sender.index, peers.size() - 1, System.nanoTime(), done);
            send(sender, sender.broadcast(id, text));
        });
        return done;
    }

    /** Peers that received the tracked broadcast so far. */
    CompletableFuture<Integer> receivedSoFar() {
        CompletableFuture<Integer> count = new CompletableFuture<>();
        execute(() -> count.complete(tracking == null ? 0 : tracking.received()));
        return count;
    }

    long framesIn() {
        return framesIn.get();
    }

    /** Links the node closed, or that failed. */
    long linksLost() {
        return linksLost.get();
    }

    /** Frames that did not decrypt or decode. */
    long errors() {
        return errors.get();
    }

    private void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    private void register(SwarmPeer p) {
        try {
            p.channel.register(selector, SelectionKey.OP_READ, p);
            peers.add(p);
            if (announce) {
                send(p, p.announce());
            }
        } catch (ClosedChannelException e) {
            linksLost.incrementAndGet();
        }
    }

    private void loop() {
        while (running) {
            try {
                selector.select(1_000);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    SwarmPeer p = (SwarmPeer) key.attachment();
                    try {
                        if (key.isValid() && key.isWritable()) {
                            flush(p, key);
                        }
                        if (key.isValid() && key.isReadable()) {
                            read(p);
                        }
                    } catch (IOException e) {
                        lose(p, key);
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                errors.incrementAndGet();
            }
        }
    }

    private void read(SwarmPeer p) throws IOException {
        for (int reads = 0; reads < 64; reads++) { // then let the other peers have a turn
            ByteBuffer target = p.body == null ? p.header : p.body;
            int n = p.channel.read(target);
            if (n < 0) {
                throw new IOException("closed by the node");
            }
            if (target.hasRemaining()) {
                return;
            }
            if (p.body == null) {
                int length = p.header.flip().getInt();
                p.header.clear();
                if (length < 1 || length > 65_535) {
                    throw new IOException("frame of " + length + " bytes");
                }
                p.body = ByteBuffer.allocate(length);
            } else {
                ByteBuffer frame = p.body;
                p.body = null;
                onFrame(p, frame);
            }
        }
    }

    private void onFrame(SwarmPeer p, ByteBuffer frame) throws IOException {
        framesIn.incrementAndGet();
        byte[] plain;
        try {
            plain = p.open(frame);
        } catch (Exception e) {
            errors.incrementAndGet();
            throw new IOException("frame does not decrypt", e);
        }
        int type = PacketCodec.peekType(plain);
        if (type == PacketType.PING) {
            send(p, LinkFrames.keepalive(PacketType.PONG));
        } else if (type == PacketType.BROADCAST && tracking != null) {
            try {
                tracking.onReceived(p.index, SwarmPeer.idOf(plain));
            } catch (Exception e) {
                errors.incrementAndGet();
            }
        }
    }

    private void send(SwarmPeer p, byte[] plaintext) {
        if (!p.channel.isOpen()) {
            return; // lost already
        }
        p.unsent.add(p.seal(plaintext));
        SelectionKey key = p.channel.keyFor(selector);
        try {
            flush(p, key);
        } catch (IOException e) {
            lose(p, key);
        }
    }

    private void flush(SwarmPeer p, SelectionKey key) throws IOException {
        while (!p.unsent.isEmpty()) {
            ByteBuffer head = p.unsent.peek();
            p.channel.write(head);
            if (head.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
            p.unsent.poll();
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    private void lose(SwarmPeer p, SelectionKey key) {
        if (key != null) {
            key.cancel();
        }
        try {
            p.channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        if (peers.remove(p)) {
            linksLost.incrementAndGet();
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }
}
