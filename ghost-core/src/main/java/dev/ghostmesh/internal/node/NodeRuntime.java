package dev.ghostmesh.internal.node;

import dev.ghostmesh.ConnectionInfo;
import dev.ghostmesh.Delivery;
import dev.ghostmesh.HistoryEntry;
import dev.ghostmesh.HistoryQuery;
import dev.ghostmesh.MeshException;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.NodeStatus;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.PublishOptions;
import dev.ghostmesh.Registration;
import dev.ghostmesh.SecurityProfile;
import dev.ghostmesh.Subscription;
import dev.ghostmesh.internal.codec.ChatTopics;
import dev.ghostmesh.internal.codec.GroupSnapshot;
import dev.ghostmesh.internal.codec.TextRules;
import dev.ghostmesh.internal.directory.Directory;
import dev.ghostmesh.internal.group.GroupService;
import dev.ghostmesh.internal.group.GroupState;
import dev.ghostmesh.internal.link.Blocklist;
import dev.ghostmesh.internal.link.Connector;
import dev.ghostmesh.internal.link.Dialer;
import dev.ghostmesh.internal.link.FrameIntake;
import dev.ghostmesh.internal.link.LinkManager;
import dev.ghostmesh.internal.link.LinkSession;
import dev.ghostmesh.internal.link.RateLimits;
import dev.ghostmesh.internal.messaging.BroadcastChat;
import dev.ghostmesh.internal.messaging.DirectMessaging;
import dev.ghostmesh.internal.messaging.Outbox;
import dev.ghostmesh.internal.messaging.PrivateMessaging;
import dev.ghostmesh.internal.messaging.TopicFanout;
import dev.ghostmesh.internal.messaging.TopicService;
import dev.ghostmesh.internal.messaging.VerifierPool;
import dev.ghostmesh.internal.presence.Presence;
import dev.ghostmesh.internal.router.FloodRouter;
import dev.ghostmesh.internal.router.ReplayWindow;
import dev.ghostmesh.internal.router.SeenCache;
import dev.ghostmesh.internal.runtime.Counters;
import dev.ghostmesh.internal.runtime.ListenerBus;
import dev.ghostmesh.internal.runtime.LoopInbox;
import dev.ghostmesh.internal.runtime.NodeConfig;
import dev.ghostmesh.internal.runtime.NodeContext;
import dev.ghostmesh.internal.runtime.NodeLoop;
import dev.ghostmesh.internal.sync.SyncLog;
import dev.ghostmesh.internal.sync.SyncService;
import dev.ghostmesh.spi.Discovery;
import dev.ghostmesh.spi.Transport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@code MeshNode}: wires the parts, runs the lifecycle, and hands each public
 * operation to the node thread.
 *
 * <p>Threading: public methods are callable from any thread; all mesh state lives on the node
 * thread ({@link NodeLoop}), the only thread that touches links, router, directory and groups.
 */
public final class NodeRuntime {
    private static final Logger log = LoggerFactory.getLogger(NodeRuntime.class);
    private static final Duration CLOSE_FLUSH = Duration.ofMillis(500);
    /** How often a node below its target links looks for another known node to dial. */
    private static final long PEER_EXCHANGE_MILLIS = 2000;
    /** Catch-up: how far back, and how much of it a node keeps (PROTOCOL.md, "Catch-up"). */
    private static final long SYNC_WINDOW_MILLIS = 24 * 3_600_000L;
    private static final int SYNC_PER_ORIGIN = 1_000;
    private static final int SYNC_PACKETS = 100_000;
    private static final long SYNC_BYTES = 64L << 20;
    /** How often the history drops what is past its store's age bound: hourly is enough. */
    private static final long HISTORY_EXPIRY_MILLIS = 3_600_000;
    /**
     * How long a direct message's first copy, sent along the route, has to be answered before
     * a second is flooded: far above a mesh's round trip, far below the receipt timeout.
     */
    private static final Duration DIRECT_RETRY = Duration.ofSeconds(2);

    private final NodeConfig config;
    private final ListenerBus listeners;
    private final NodeLoop loop;
    private final NodeContext node;
    private final LinkManager links;
    private final Directory directory;
    private final PacketHandler packets;
    private final PrivateMessaging privates;
    private final Presence presence;
    private final GroupService groups;
    private final TopicService topics;
    private final SyncService sync;
    private final DirectMessaging direct;
    private final BroadcastChat broadcasts;
    private final FrameIntake intake;
    private final Connector connector;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> closeDone = new CompletableFuture<>();
    private volatile Instant startedAt;
    private volatile List<PeerAddress> listening = List.of();

    /** Builds the parts; nothing runs until {@link #start()}. */
    public NodeRuntime(NodeConfig config) {
        this.config = config;
        NodeId self = config.identity().id();
        Executor callbacks = config.listenerExecutor() != null ? config.listenerExecutor()
                : config.loops().callbacks();
        this.listeners = new ListenerBus(callbacks);
        Counters counters = new Counters();
        this.loop = new NodeLoop(config.loops().newLoop(self.shortHex()),
                config.loops().hostDriven(), callbacks, counters);
        this.node = new NodeContext(config, loop, counters, listeners);
        GroupState groupState = new GroupState(self, config.maxGroups(),
                config.maxKnownNodes() + 1);
        this.directory = new Directory(config.maxKnownNodes(), groupState::groupsOf);
        Blocklist blocklist = new Blocklist(config.clock(), config.maxKnownNodes());
        this.links = new LinkManager(node, config.networkId(), blocklist);
        RateLimits limits = new RateLimits(node, links, blocklist);
        FloodRouter<LinkSession> router = new FloodRouter<>(self,
                new SeenCache(config.seenCacheCapacity(), config.seenCacheMaxAge().toMillis()),
                new ReplayWindow(config.maxKnownNodes()), config.maxClockSkew().toMillis(),
                config.profile() == SecurityProfile.SECURE, config.signatures());
        Outbox outbox = new Outbox(node, links, router);
        this.topics = new TopicService(node, outbox, directory,
                new TopicFanout(directory, links, config.pruneTopics()));
        this.groups = new GroupService(node, groupState, loop::call, outbox, topics.builtIns(),
                directory::nameOf, directory::refresh);
        this.broadcasts = new BroadcastChat(node, directory, topics.builtIns());
        // The chat is an application of topics: its messages arrive as any TOPIC does.
        topics.builtIns().handle(ChatTopics.CHAT, broadcasts::onTopic);
        topics.builtIns().handleUnder(ChatTopics.GROUP_PREFIX, groups::onTopic);
        this.presence = new Presence(node, directory, groups, outbox, topics);
        links.subscribe(presence);
        // After presence: a new link gets the announces first, then the catch-up summary.
        this.sync = new SyncService(node, links, new SyncLog(SYNC_PER_ORIGIN, SYNC_PACKETS,
                SYNC_BYTES), Math.min(SYNC_WINDOW_MILLIS, config.maxClockSkew().toMillis()));
        links.subscribe(sync);
        outbox.onOwnPacket(sync::record);
        topics.observeSubscriptions(presence::onSubscriptionsChanged);
        this.privates = new PrivateMessaging(node, directory, outbox);
        this.direct = new DirectMessaging(node, directory, outbox, links, topics, DIRECT_RETRY);
        // Transport events and verified packets share one inbox, so each link's are handled in
        // the order they happened.
        LoopInbox inbox = new LoopInbox(loop, counters);
        // A host-driven node runs on its host's thread only: it uses no pool of ours either.
        boolean pool = config.parallelVerify() && !config.loops().hostDriven();
        this.packets = new PacketHandler(node, links, directory, router, outbox, presence,
                groups, limits, privates, topics, direct, broadcasts, sync,
                new PacketHandler.Verification(pool ? VerifierPool.shared() : null,
                        inbox::runInTurn, () -> inbox.waiting() > 0 || loop.busy()));
        sync.sink(packets);
        this.intake = new FrameIntake(node, loop, inbox, links, packets, limits);
        this.connector = new Connector(node, links, blocklist, directory);
        links.subscribe(connector);
    }

    public NodeConfig config() {
        return config;
    }

    public ListenerBus listeners() {
        return listeners;
    }

    public GroupService groups() {
        return groups;
    }

    /** Starts transports (blocking until they listen), then presence, then discoveries. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("node already started");
        }
        List<Transport> startedTransports = new ArrayList<>();
        GroupSnapshot saved = groups.persistence().load();
        loop.accepting(true);
        if (saved != null) {
            // Before any transport runs, so no link gets an announce without them; waited for,
            // so start() returns with the node back in its groups.
            loop.runAndWait(() -> groups.persistence().restore(saved));
        }
        try {
            for (Transport t : config.transports()) {
                t.start(intake);
                startedTransports.add(t);
            }
        } catch (IOException | RuntimeException e) {
            startedTransports.forEach(Transport::close);
            stopThreads();
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
        List<PeerAddress> advertised = ListenAddresses.advertised(listening);
        loop.execute(() -> presence.start(advertised));
        long livenessCheck = Math.max(50, config.keepaliveInterval().toMillis() / 4);
        loop.every(() -> links.checkLiveness(loop.nanoTime()), livenessCheck);
        // Only timers with work to do: a node thread woken for nothing costs little once, but
        // thousands of nodes in one JVM (a simulation, a test) spent whole cores on such wakeups.
        // Receipt timeouts are scheduled by PrivateMessaging while it waits for receipts.
        if (config.autoConnect()) {
            loop.every(connector::tick, PEER_EXCHANGE_MILLIS);
        }
        loop.every(sync::tick, SyncService.PERIOD_MILLIS);
        loop.execute(node.history()::expire);
        loop.every(node.history()::expire, HISTORY_EXPIRY_MILLIS);
        for (Discovery d : config.discoveries()) {
            try {
                d.start(new DiscoveryCallbacks(this, loop));
            } catch (IOException | RuntimeException e) {
                // The node is useful without it (explicit connects still work): warn, go on.
                log.warn("discovery {} did not start: {}", d, e.getMessage());
            }
        }
        log.info("node {} ({}) listening on {}", config.username(), self().shortHex(),
                listening);
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
        if (loop.accepting()) {
            loop.accepting(false);
            if (!loop.runAndWait(() -> {
                presence.sayGoodbye(!links.readyLinks().isEmpty());
                links.all().forEach(s -> links.close(s, "node closed"));
                groups.persistence().save();
                groups.keyring().clear();
            }, CLOSE_FLUSH)) {
                log.debug("goodbye did not finish in time");
            }
            config.discoveries().forEach(Discovery::close);
            config.transports().forEach(Transport::close);
        }
        stopThreads();
    }

    private void stopThreads() {
        groups.close();
        loop.shutdown(CLOSE_FLUSH);
        node.history().close();
    }

    public CompletableFuture<List<HistoryEntry>> history(HistoryQuery query) {
        return loop.call(() -> node.history().query(query));
    }

    public CompletableFuture<Message> broadcast(String text) {
        requireText(text);
        return loop.call(() -> broadcasts.send(text));
    }

    public CompletableFuture<Message> sendPrivate(NodeId target, String text) {
        Objects.requireNonNull(target, "target");
        requireText(text);
        if (target.equals(self())) {
            throw new IllegalArgumentException("cannot send a private message to this node");
        }
        return loop.call(() -> direct.sendChat(target, text));
    }

    public CompletableFuture<MessageId> publish(String topic, byte[] payload,
            PublishOptions options) {
        TopicService.requireTopic(topic);
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(options, "options");
        TopicService.requirePayload(payload);
        return topics.publish(topic, payload, options);
    }

    public Subscription subscribe(String topic, Consumer<Delivery> handler) {
        TopicService.requireTopic(topic);
        Objects.requireNonNull(handler, "handler");
        return topics.subscribe(topic, handler);
    }

    public CompletableFuture<MessageId> send(NodeId target, String topic, byte[] payload) {
        requireDirect(target, topic, payload);
        byte[] copy = payload.clone();
        return loop.handOff(loop.call(() -> direct.send(target, topic, copy))
                .thenCompose(f -> f));
    }

    public CompletableFuture<Delivery> request(NodeId target, String topic, byte[] payload,
            Duration timeout) {
        requireDirect(target, topic, payload);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a timeout must be positive: " + timeout);
        }
        byte[] copy = payload.clone();
        return loop.handOff(loop.call(() -> direct.request(target, topic, copy, timeout))
                .thenCompose(f -> f));
    }

    public Registration onRequest(String topic,
            Function<Delivery, CompletionStage<byte[]>> handler) {
        TopicService.requireTopic(topic);
        Objects.requireNonNull(handler, "handler");
        return direct.onRequest(topic, handler);
    }

    private void requireDirect(NodeId target, String topic, byte[] payload) {
        Objects.requireNonNull(target, "target");
        TopicService.requireTopic(topic);
        Objects.requireNonNull(payload, "payload");
        TopicService.requirePayload(payload);
        if (target.equals(self())) {
            throw new IllegalArgumentException("cannot send a direct message to this node");
        }
    }

    public List<NodeInfo> subscribers(String topic) {
        TopicService.requireTopic(topic);
        return topics.subscribers(topic);
    }

    public CompletableFuture<Boolean> disconnect(NodeId peer) {
        Objects.requireNonNull(peer, "peer");
        return loop.call(() -> connector.disconnect(peer));
    }

    public CompletableFuture<Boolean> disconnect(PeerAddress address) {
        Objects.requireNonNull(address, "address");
        return loop.call(() -> connector.disconnect(address));
    }

    public List<ConnectionInfo> connections() {
        return connector.view();
    }

    public CompletableFuture<PeerInfo> connect(PeerAddress address) {
        Objects.requireNonNull(address, "address");
        CompletableFuture<PeerInfo> result = new CompletableFuture<>();
        if (!loop.accepting() || !loop.execute(() -> connector.connect(address)
                .whenComplete((peer, error) -> {
                    if (error == null) {
                        result.complete(peer);
                    } else {
                        result.completeExceptionally(Dialer.unwrap(error));
                    }
                }))) {
            result.completeExceptionally(
                    new MeshException("cannot connect to " + address + ": node is not running"));
        }
        return loop.handOff(result);
    }

    /** A discovery found a peer: auto-connect decides (node thread). */
    void onPeerFound(PeerAddress address, NodeId claimed) {
        loop.execute(() -> connector.onFound(address, claimed));
    }

    /**
     * Host-driven groups: runs what is ready on the node's group now, on the caller's thread.
     * Returns how many tasks, timers and callbacks ran.
     */
    public int poll() {
        return config.loops().poll();
    }

    public List<PeerInfo> peers() {
        return links.peers();
    }

    public List<NodeInfo> nodes() {
        return directory.view();
    }

    /** The addresses the transports listen on; empty before start. Any thread. */
    public List<PeerAddress> listening() {
        return listening;
    }

    public NodeStatus status() {
        Counters c = node.counters();
        Instant since = startedAt;
        Duration uptime = since == null ? Duration.ZERO
                : Duration.between(since, config.clock().instant());
        return NodeStatus.builder().id(self()).username(config.username())
                .codename(config.identity().codename()).listening(listening)
                .peers(links.peers().size()).knownNodes(directory.size()).uptime(uptime)
                .messagesSent(c.sent.get()).messagesDelivered(c.delivered.get())
                .packetsRelayed(c.relayed.get()).duplicatesDropped(c.duplicates.get())
                .invalidDropped(c.invalid.get()).replayedDropped(c.replayed.get())
                .staleDropped(c.stale.get()).sendDropped(c.sendDropped.get())
                .inboundDropped(c.inboundDropped.get()).rateLimited(c.rateLimited.get())
                .linksRefused(c.linksRefused.get()).verifiedOffThread(c.verifiedOffThread.get())
                .signatureProvider(config.signatures().name())
                .signaturesVerified(c.signaturesVerified.get())
                .signaturesSkipped(c.signaturesSkipped.get()).listenerErrors(listeners.errors())
                .internalErrors(c.internalErrors.get()).build();
    }

    private NodeId self() {
        return config.identity().id();
    }

    private static void requireText(String text) {
        String problem = TextRules.textProblem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }
}
