package dev.ghostmesh.internal.node;

import dev.ghostmesh.MeshException;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.NodeStatus;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.internal.codec.PacketCodec;
import dev.ghostmesh.internal.codec.PacketType;
import dev.ghostmesh.internal.codec.TextRules;
import dev.ghostmesh.internal.router.FloodRouter;
import dev.ghostmesh.internal.router.SeenCache;
import dev.ghostmesh.spi.Discovery;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.PeerAddress;
import dev.ghostmesh.spi.Transport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@code MeshNode}: the node thread, the transport callbacks, and the public
 * operations, each handed to the node thread.
 *
 * <p>Threading: public methods are callable from any thread; all state lives on the node thread
 * (a single-threaded scheduler), which is the only thread that touches links, router and
 * directory.
 */
public final class NodeRuntime {
    private static final Logger log = LoggerFactory.getLogger(NodeRuntime.class);
    private static final long CLOSE_FLUSH_MILLIS = 500;

    private final NodeConfig config;
    private final ListenerBus listeners;
    private final ScheduledThreadPoolExecutor nodeThread;
    private final NodeContext node;
    private final LinkManager links;
    private final Directory directory;
    private final PacketHandler packets;
    private final Presence presence;
    private final GroupService groups;
    private final AtomicInteger pendingFrames = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> closeDone = new CompletableFuture<>();
    private volatile boolean running;
    private volatile Instant startedAt;
    private volatile List<PeerAddress> listening = List.of();

    /** Builds the parts; nothing runs until {@link #start()}. */
    public NodeRuntime(NodeConfig config) {
        this.config = config;
        String label = config.identity().nodeId().shortHex();
        this.listeners = new ListenerBus(config.listenerExecutor(), label);
        this.nodeThread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ghost-node-" + label);
            t.setDaemon(true);
            return t;
        });
        nodeThread.setRemoveOnCancelPolicy(true);
        this.node = new NodeContext(config, nodeThread, listeners);
        NodeId self = config.identity().nodeId();
        GroupState groupState = new GroupState(self, config.maxGroups(),
                config.maxKnownNodes() + 1);
        this.directory = new Directory(config.maxKnownNodes(), groupState::groupsOf);
        this.links = new LinkManager(node);
        FloodRouter<LinkSession> router = new FloodRouter<>(self,
                new SeenCache(config.seenCacheCapacity(), config.seenCacheMaxAge().toMillis()));
        Outbox outbox = new Outbox(node, links, router);
        this.groups = new GroupService(node, groupState, this::callUntyped);
        groups.wire(outbox, directory::nameOf);
        this.presence = new Presence(node, directory, groups, outbox);
        this.packets = new PacketHandler(node, links, directory, router, outbox, presence,
                groups);
        links.wire(new LinkManager.Events() {
            @Override
            public void onPeerReady(LinkSession s) {
                presence.onLinkReady(s);
            }

            @Override
            public void onPeerGone(NodeId peer) {
                presence.onPeerGone(peer);
            }
        });
    }

    public GroupService groups() {
        return groups;
    }

    public CompletableFuture<Boolean> disconnect(NodeId peer) {
        Objects.requireNonNull(peer, "peer");
        return handOff(call(() -> links.disconnect(peer, "disconnected by this node")));
    }

    public NodeConfig config() {
        return config;
    }

    public ListenerBus listeners() {
        return listeners;
    }

    /** Starts transports (blocking until they listen), then discoveries. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("node already started");
        }
        List<Transport> startedTransports = new ArrayList<>();
        try {
            for (Transport t : config.transports()) {
                t.start(new Callbacks());
                startedTransports.add(t);
            }
        } catch (IOException | RuntimeException e) {
            startedTransports.forEach(Transport::close);
            shutdownThreads();
            if (closed.compareAndSet(false, true)) {
                closeDone.complete(null);
            }
            throw new MeshException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        List<PeerAddress> addresses = new ArrayList<>();
        config.transports().forEach(t -> addresses.addAll(t.listenAddresses()));
        listening = List.copyOf(addresses);
        node.listenPort(addresses.isEmpty() ? 0 : addresses.get(0).port());
        startedAt = config.clock().instant();
        running = true;
        List<PeerAddress> advertised = ListenAddresses.advertised(listening);
        execute(() -> presence.start(advertised));
        for (Discovery d : config.discoveries()) {
            try {
                d.start(new DiscoveryCallbacks(this));
            } catch (IOException e) {
                log.warn("discovery {} did not start: {}", d, e.getMessage());
            }
        }
        log.info("node {} ({}) listening on {}", config.username(),
                config.identity().nodeId().shortHex(), listening);
    }

    /**
     * Says goodbye, flushes and closes links, stops threads. Idempotent: a second caller (say, a
     * shutdown hook racing an input thread's /quit) waits for the first to finish, so the JVM
     * cannot exit in the middle of the goodbye.
     */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            closeDone.join();
            return;
        }
        try {
            closeOnce();
        } finally {
            closeDone.complete(null);
        }
    }

    private void closeOnce() {
        if (running) {
            running = false;
            CompletableFuture<Void> farewell = new CompletableFuture<>();
            execute(() -> {
                presence.sayGoodbye(!links.readyLinks().isEmpty());
                links.all().forEach(s -> links.close(s, "node closed"));
                farewell.complete(null);
            });
            try {
                farewell.get(CLOSE_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                log.debug("goodbye did not finish in time: {}", e.toString());
            }
            config.discoveries().forEach(Discovery::close);
            config.transports().forEach(Transport::close);
        }
        shutdownThreads();
    }

    private void shutdownThreads() {
        nodeThread.shutdown();
        try {
            nodeThread.awaitTermination(CLOSE_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        nodeThread.shutdownNow();
        listeners.shutdown();
    }

    public CompletableFuture<Message> broadcast(String text) {
        requireText(text);
        return handOff(call(() -> packets.originateChat(MessageKind.BROADCAST, null, text)));
    }

    public CompletableFuture<Message> sendPrivate(NodeId target, String text) {
        Objects.requireNonNull(target, "target");
        requireText(text);
        if (target.equals(config.identity().nodeId())) {
            throw new IllegalArgumentException("cannot send a private message to this node");
        }
        return handOff(call(() -> packets.originateChat(MessageKind.PRIVATE, target, text)));
    }

    public CompletableFuture<PeerInfo> connect(PeerAddress address) {
        Objects.requireNonNull(address, "address");
        CompletableFuture<PeerInfo> handshake = new CompletableFuture<>();
        Transport transport = config.transports().stream().filter(t -> t.supports(address))
                .findFirst().orElse(null);
        if (!running) {
            handshake.completeExceptionally(new MeshException("node is not running"));
        } else if (transport == null) {
            handshake.completeExceptionally(new MeshException("no transport supports it"));
        } else {
            transport.dial(address).whenComplete((link, error) -> {
                if (error != null) {
                    handshake.completeExceptionally(error);
                } else if (!execute(() -> links.await(link, handshake))) {
                    link.close();
                    handshake.completeExceptionally(new MeshException("node is not running"));
                }
            });
        }
        CompletableFuture<PeerInfo> result = new CompletableFuture<>();
        handshake.whenComplete((peer, error) -> {
            if (error == null) {
                result.complete(peer);
            } else {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                result.completeExceptionally(new MeshException(
                        "cannot connect to " + address + ": " + LinkManager.describe(cause),
                        cause));
            }
        });
        return handOff(result);
    }

    /**
     * The same outcome, completed on the common pool: futures here complete on the node or an
     * I/O thread, and a caller's dependent stage must never run (and block) there.
     */
    private static <T> CompletableFuture<T> handOff(CompletableFuture<T> internal) {
        CompletableFuture<T> external = new CompletableFuture<>();
        internal.whenCompleteAsync((value, error) -> {
            if (error == null) {
                external.complete(value);
            } else {
                external.completeExceptionally(error instanceof CompletionException
                        && error.getCause() != null ? error.getCause() : error);
            }
        }, ForkJoinPool.commonPool());
        return external;
    }

    public List<PeerInfo> peers() {
        return links.peers();
    }

    public List<NodeInfo> nodes() {
        return directory.view();
    }

    public NodeStatus status() {
        Counters c = node.counters();
        Instant since = startedAt;
        Duration uptime = since == null ? Duration.ZERO
                : Duration.between(since, config.clock().instant());
        List<NodeInfo> known = directory.view();
        return new NodeStatus(config.identity().nodeId(), config.username(),
                config.identity().codename(), listening, links.peers().size(), known.size(),
                uptime, c.sent.get(), c.delivered.get(), c.relayed.get(), c.duplicates.get(),
                c.invalid.get(), c.sendDropped.get(), c.inboundDropped.get(), listeners.errors(),
                c.internalErrors.get());
    }

    private static void requireText(String text) {
        String problem = TextRules.textProblem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    private CompletableFuture<?> callUntyped(Supplier<?> work) {
        return handOff(call(work));
    }

    /** Runs {@code work} on the node thread; the future carries its result. */
    private <T> CompletableFuture<T> call(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (!running || !execute(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        })) {
            result.completeExceptionally(new MeshException("node is not running"));
        }
        return result;
    }

    /** Queues a task for the node thread; false if the node has stopped. */
    boolean execute(Runnable task) {
        try {
            nodeThread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // A bug in one task must not kill the node thread and every link with it.
                    node.counters().internalErrors.incrementAndGet();
                    log.error("node task failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void onFrame(Link link, byte[] frame) {
        LinkSession s = links.session(link);
        if (s == null) {
            return; // closed meanwhile
        }
        int type = PacketCodec.peekType(frame);
        if (type == PacketType.HELLO) {
            links.onHello(s, frame);
        } else if (type == PacketType.AUTH) {
            links.onAuth(s, frame);
        } else if (PacketType.isFlooded(type) && s.ready()) {
            packets.onPacket(s, frame);
        } else if (type > PacketType.MAX_FLOODED) {
            log.debug("ignored unknown link-control type {} from {}", type, s);
        } else {
            node.counters().invalid.incrementAndGet();
            links.close(s, type < 0 ? "malformed frame" : "packet before authentication");
        }
    }

    /** The transports' view of this node; every call is handed to the node thread. */
    private final class Callbacks implements dev.ghostmesh.spi.TransportContext {
        @Override
        public void onLinkUp(Link link) {
            if (!execute(() -> {
                if (running) {
                    links.onLinkUp(link);
                } else {
                    link.close();
                }
            })) {
                link.close();
            }
        }

        @Override
        public void onFrame(Link link, byte[] frame) {
            // Bounded by count and bytes: 16k frames of 64 KiB would otherwise be a gigabyte.
            int size = frame.length;
            if (pendingFrames.incrementAndGet() > config.maxPendingFrames()
                    | pendingBytes.addAndGet(size) > config.maxPendingBytes()) {
                release(size);
                node.counters().inboundDropped.incrementAndGet();
                return;
            }
            if (!execute(() -> {
                release(size);
                NodeRuntime.this.onFrame(link, frame);
            })) {
                release(size);
            }
        }

        private void release(int size) {
            pendingFrames.decrementAndGet();
            pendingBytes.addAndGet(-size);
        }

        @Override
        public void onLinkDown(Link link, Throwable cause) {
            execute(() -> links.onLinkDown(link, cause));
        }

        @Override
        public int maxFrameSize() {
            return PacketCodec.MAX_FRAME_BYTES;
        }
    }
}
