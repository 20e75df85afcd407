package dev.ghostmesh;

import dev.ghostmesh.internal.codec.LinkFrames;
import dev.ghostmesh.internal.crypto.Ed25519Provider;
import dev.ghostmesh.internal.crypto.Ed25519Providers;
import dev.ghostmesh.internal.crypto.GroupKeys.KdfParams;
import dev.ghostmesh.internal.node.NodeRuntime;
import dev.ghostmesh.internal.runtime.AbuseLimits;
import dev.ghostmesh.internal.runtime.NodeConfig;
import dev.ghostmesh.internal.store.MemoryMessageStore;
import dev.ghostmesh.spi.Discovery;
import dev.ghostmesh.spi.MessageStore;
import dev.ghostmesh.spi.StoreLimits;
import dev.ghostmesh.spi.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One node of the mesh: it links to peers through its transports, floods packets signed by
 * their origin (unsigned in the {@linkplain SecurityProfile#OPEN open profile}), and delivers
 * what is meant for it to its {@link MeshListener}s.
 *
 * <pre>{@code
 * try (MeshNode node = MeshNode.builder()
 *         .identity(Identity.loadOrCreate(home))
 *         .username("alice")
 *         .transport(TcpTransport.builder().port(6666).build())
 *         .build()) {
 *     node.addListener(new MeshListener() {
 *         public void onMessage(Message m) { System.out.println(m.senderName() + ": " + m.text()); }
 *     });
 *     node.start();
 *     node.connect(PeerAddress.tcp("10.0.0.2", 6666)).join();
 *     node.broadcast("hello mesh");
 * }
 * }</pre>
 *
 * <p>Threading: every public method is thread-safe. One node thread owns all mesh state;
 * methods hand work to it and return at once, with a {@link CompletableFuture} where a result
 * matters. Those futures complete on the common fork-join pool, never on the node or an I/O
 * thread, so dependent stages may block without stalling the mesh. {@link #peers()}, {@link #nodes()} and {@link #status()} read snapshots the node
 * thread publishes, so they never block. Many nodes may run in one JVM.
 */
public final class MeshNode implements AutoCloseable {
    private final NodeRuntime runtime;

    private MeshNode(NodeConfig config) {
        this.runtime = new NodeRuntime(config);
    }

    /** A builder with the defaults documented on each setter. Callable from any thread. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the transports (binding listen ports), the node thread and the discoveries. Blocks
     * until listening.
     *
     * @return this node, so that building and starting can be one expression
     * @throws MeshException if a transport cannot start, e.g. {@code port 6666 is already in use}
     * @throws IllegalStateException if called twice
     */
    public MeshNode start() {
        runtime.start();
        return this;
    }

    /**
     * Says goodbye to the mesh, flushes and closes every link, and stops the node's threads.
     * Idempotent. Normally takes milliseconds; a peer that stops reading can hold it for up to
     * about 1.5 s (the goodbye and link flush deadlines).
     */
    @Override
    public void close() {
        runtime.close();
    }

    /**
     * Drives a node built on a {@link LoopGroup#hostDriven host-driven} loop group: runs every
     * task, due timer and listener callback of the group's nodes that is ready now, on the
     * calling thread, and returns how many ran. A game calls it once per tick; no thread of the
     * library runs the node meanwhile (transports may still run their own I/O threads).
     *
     * <p>Threading: call it from the host's thread only, never from a listener callback. A
     * host-driven node's {@link #start()} and {@link #close()} must be called from that thread
     * too: they do the node's work there rather than wait for a loop that only runs when
     * polled. Closing a host-driven node with TCP links runs the group's loop on that thread
     * until the links have flushed and closed (at most the transport's close flush timeout),
     * so it returns as soon as they have.
     *
     * @throws IllegalStateException if the node runs on a group with threads of its own
     */
    public int poll() {
        return runtime.poll();
    }

    /** This node's identity. */
    public Identity identity() {
        return runtime.config().identity();
    }

    /** This node's id. */
    public NodeId id() {
        return runtime.config().identity().id();
    }

    /** This node's security profile: whether its links are encrypted and packets signed. */
    public SecurityProfile profile() {
        return runtime.config().profile();
    }

    /** This node's username. */
    public String username() {
        return runtime.config().username();
    }

    /**
     * Floods {@code text} to every node, as a message on the chat's reserved topic
     * {@code ghost/chat}; every node shows it. The future completes with the sent message once
     * it has been handed to every link, or exceptionally if the node is not running.
     *
     * @throws IllegalArgumentException if the text is empty or longer than 16 KiB of UTF-8
     */
    public CompletableFuture<Message> broadcast(String text) {
        return runtime.broadcast(text);
    }

    /**
     * Publishes {@code payload} on {@code topic}, with the node's default hop limit, no expiry
     * and no latest-value key. Every node relays it; the nodes subscribed to the topic deliver
     * it. The future completes with the message's id once it has been handed to every link, or
     * exceptionally if the node is not running. The payload is copied: the caller may reuse its
     * array at once.
     *
     * @throws IllegalArgumentException if the topic name is invalid or reserved (names are
     *     1-128 characters from {@code A-Z a-z 0-9 . _ - /}, without empty segments; topics
     *     under {@code ghost/} belong to the library), or the payload is over 64,000 bytes
     */
    public CompletableFuture<MessageId> publish(String topic, byte[] payload) {
        return runtime.publish(topic, payload, PublishOptions.defaults());
    }

    /**
     * Publishes {@code payload} on {@code topic} with a hop limit, an expiry or a latest-value
     * key (see {@link PublishOptions}). A keyed publish superseded by a newer one before it was
     * sent completes with the id of the message that carried the newer value.
     *
     * @throws IllegalArgumentException as for {@link #publish(String, byte[])}
     */
    public CompletableFuture<MessageId> publish(String topic, byte[] payload,
            PublishOptions options) {
        return runtime.publish(topic, payload, options);
    }

    /**
     * Delivers every message published on {@code topic} by other nodes to {@code handler}, on
     * the callback executor, one at a time and in the order they arrived, until the returned
     * subscription is closed. The node's announces list the topics it subscribes to, so other
     * nodes see it in {@link #subscribers}. Subscribing before {@link #start()} is fine.
     *
     * @throws IllegalArgumentException if the topic name is invalid or reserved
     */
    public Subscription subscribe(String topic, Consumer<Delivery> handler) {
        return runtime.subscribe(topic, handler);
    }

    /**
     * Sends {@code payload} on {@code topic} to {@code target} alone, sealed so that only it can
     * read it, along the route to it that this node knows (every node on the way forwards it to
     * its own next hop; where a route is unknown or broken the message floods on, and if no
     * receipt came within 2 s a second copy is flooded). The target hands it to its
     * subscriptions of the topic, with {@link Delivery#direct()} true, and confirms. The future
     * completes with the message's id once the target confirmed; exceptionally with a
     * {@link NoHandlerException} if the target has no subscription to the topic, or a
     * {@link java.util.concurrent.TimeoutException} if no confirmation came within the receipt
     * timeout (30 s by default). A target whose key this node does not know yet (its announce
     * has not arrived) is waited for, within the same time.
     *
     * @throws IllegalArgumentException as for {@link #publish(String, byte[])}, or if
     *     {@code target} is this node
     */
    public CompletableFuture<MessageId> send(NodeId target, String topic, byte[] payload) {
        return runtime.send(target, topic, payload);
    }

    /**
     * Sends a request to {@code target}, routed and sealed as {@link #send} is; its handler for
     * {@code topic} (see {@link #onRequest}) answers. The future completes with the reply (its
     * payload is the handler's result); exceptionally with a {@link NoHandlerException} if the
     * target has no handler for the topic, a {@link MeshException} saying why if the handler
     * failed, or a {@link java.util.concurrent.TimeoutException} if no reply came within
     * {@code timeout}. The handler runs once per request: a retried copy of it gets the reply
     * already given.
     *
     * @throws IllegalArgumentException as for {@link #send}, or if the timeout is not positive
     */
    public CompletableFuture<Delivery> request(NodeId target, String topic, byte[] payload,
            Duration timeout) {
        return runtime.request(target, topic, payload, timeout);
    }

    /**
     * Answers the requests other nodes send to this node on {@code topic}: {@code handler} runs
     * on the callback executor and returns the reply's payload (at most 64,000 bytes); if it
     * throws, the requester gets a failure with its message. One handler per topic; close the
     * registration to remove it. Do not block in it: use {@link #onRequestAsync} for an answer
     * that takes time.
     *
     * @throws IllegalArgumentException if the topic name is invalid or reserved
     * @throws IllegalStateException if the topic already has a handler
     */
    public Registration onRequest(String topic, Function<Delivery, byte[]> handler) {
        Objects.requireNonNull(handler, "handler");
        return runtime.onRequest(topic, d -> CompletableFuture.completedFuture(handler.apply(d)));
    }

    /**
     * As {@link #onRequest}, for a handler that answers later: the reply is sent when its stage
     * completes (exceptionally: the requester gets a failure with its message).
     */
    public Registration onRequestAsync(String topic,
            Function<Delivery, CompletionStage<byte[]>> handler) {
        return runtime.onRequest(topic, handler);
    }

    /**
     * The other nodes whose latest announce says they subscribe to {@code topic}, nearest
     * first. A snapshot: subscriptions reach other nodes with their next announce, within
     * moments of the change.
     *
     * @throws IllegalArgumentException if the topic name is invalid or reserved
     */
    public List<NodeInfo> subscribers(String topic) {
        return runtime.subscribers(topic);
    }

    /**
     * Sends {@code text} to one node; every other node relays it without showing it.
     *
     * @throws IllegalArgumentException if the text is invalid or {@code target} is this node
     */
    public CompletableFuture<Message> sendPrivate(NodeId target, String text) {
        return runtime.sendPrivate(target, text);
    }

    /**
     * Dials {@code address} with the first registered transport that claims its scheme
     * ({@link dev.ghostmesh.spi.Transport#supports}), and keeps a link there
     * while the node runs: whenever the link is down (or the first dial fails) it is re-dialed
     * with exponential backoff and jitter (see {@link Builder#reconnectBackoff}), until
     * {@link #disconnect(PeerAddress)}. The future reports the first attempt: it completes with
     * the peer once the link is authenticated, or exceptionally with a {@link MeshException}
     * whose message says why (refused, unknown host, timeout, handshake failed,
     * {@code "tcp:10.0.0.5:80 is not a ghost-terminal node"} when another kind of service
     * answers, or that no transport for the address's scheme is registered).
     */
    public CompletableFuture<PeerInfo> connect(PeerAddress address) {
        return runtime.connect(address);
    }

    /**
     * Stops keeping a link to {@code address} and closes it if it is up; the node it led to is
     * then treated as by {@link #disconnectAndBlock(NodeId)}. The future completes with true if
     * the address was one this node kept a link to.
     */
    public CompletableFuture<Boolean> disconnect(PeerAddress address) {
        return runtime.disconnect(address);
    }

    /** The addresses given to {@link #connect}, and where each stands. Never blocks. */
    public List<ConnectionInfo> connections() {
        return runtime.connections();
    }

    /**
     * Closes every direct link to {@code peer} and blocks it: stops re-dialing addresses whose
     * link proved to be that node, never dials it automatically again, and refuses links it
     * dials to us, until a {@link #connect} of ours reaches it again. (To stop re-dialing one
     * address without blocking anyone, use {@link #disconnect(PeerAddress)}.) The future
     * completes once the links are closing (true if there were any).
     */
    public CompletableFuture<Boolean> disconnectAndBlock(NodeId peer) {
        return runtime.disconnect(peer);
    }

    /**
     * Creates a group and joins it. Fails with a {@link GroupException}
     * ({@code ALREADY_EXISTS}) if the mesh already knows a group of that name: join it instead.
     */
    public CompletableFuture<GroupInfo> createGroup(GroupName name) {
        return runtime.groups().create(name);
    }

    /**
     * Creates a password-protected group and joins it: its messages are encrypted with a key
     * derived from {@code password} (Argon2id with {@link Builder#groupKdf}'s costs, salted with
     * the group's name), and only nodes that join with the same password can read or send
     * them. The key is derived on a thread of the node's own, never on the node thread, and
     * kept in memory only. Fails like {@link #createGroup(GroupName)}.
     *
     * @param password copied: the caller may clear the array as soon as this returns
     * @throws IllegalArgumentException if the password is empty
     */
    public CompletableFuture<GroupInfo> createGroup(GroupName name, char[] password) {
        return runtime.groups().create(name, password);
    }

    /**
     * Joins an open group the mesh knows. Fails with a {@link GroupException}
     * ({@code UNKNOWN_GROUP}, {@code ALREADY_A_MEMBER}, {@code LIMIT_REACHED}, or
     * {@code PASSWORD_REQUIRED} for a protected group).
     */
    public CompletableFuture<GroupInfo> joinGroup(GroupName name) {
        return runtime.groups().join(name);
    }

    /**
     * Joins a password-protected group. The key is derived off the node thread (a fraction of
     * a second with the default costs) and checked against the group's verifier before the
     * join is sent. Fails with a {@link GroupException}: {@code WRONG_PASSWORD} (message
     * {@code wrong password for #dev}), {@code NOT_PROTECTED} for an open group, or as
     * {@link #joinGroup(GroupName)}. The key is kept in memory only: after a restart, join
     * again.
     *
     * @param password copied: the caller may clear the array as soon as this returns
     * @throws IllegalArgumentException if the password is empty
     */
    public CompletableFuture<GroupInfo> joinGroup(GroupName name, char[] password) {
        return runtime.groups().join(name, password);
    }

    /** Leaves a group. Fails with a {@link GroupException} ({@code NOT_A_MEMBER}). */
    public CompletableFuture<GroupInfo> leaveGroup(GroupName name) {
        return runtime.groups().leave(name);
    }

    /**
     * The messages this node showed and sent that {@code query} asks for, oldest first, from
     * its store ({@link Builder#store}): the in-memory default keeps this run's, a store on
     * disk earlier runs' too. Never blocks; the future completes once the node thread read
     * the store.
     */
    public CompletableFuture<List<HistoryEntry>> history(HistoryQuery query) {
        Objects.requireNonNull(query, "query");
        return runtime.history(query);
    }

    /**
     * Floods {@code text} to a group this node is a member of, as a message on the group's
     * reserved topic; members show it, everyone else relays it. To a protected group it is sent
     * encrypted with the group key. Fails with a
     * {@link GroupException} ({@code UNKNOWN_GROUP}, {@code NOT_A_MEMBER}, or
     * {@code PASSWORD_REQUIRED} without the key of a protected group).
     *
     * @throws IllegalArgumentException if the text is empty or longer than 16 KiB of UTF-8
     */
    public CompletableFuture<Message> sendToGroup(GroupName name, String text) {
        return runtime.groups().send(name, text);
    }

    /** Every group known in the mesh, sorted by name. Never blocks. */
    public List<GroupInfo> groups() {
        return runtime.groups().view();
    }

    /**
     * The addresses this node's transports listen on, once started (empty before). Never
     * blocks.
     */
    public List<PeerAddress> listenAddresses() {
        return runtime.listening();
    }

    /** Direct authenticated peers, one entry per peer node. Never blocks. */
    public List<PeerInfo> peers() {
        return runtime.peers();
    }

    /** Every other node known from announces, nearest first. Never blocks. */
    public List<NodeInfo> nodes() {
        return runtime.nodes();
    }

    /** Current state and counters. Never blocks. */
    public NodeStatus status() {
        return runtime.status();
    }

    /**
     * Hands every chat message delivered to this node (broadcast, private or group) to
     * {@code handler} on the callback executor: the one-callback form of
     * {@link MeshListener#onMessage}. Callable from any thread, any time.
     */
    public Registration onMessage(Consumer<Message> handler) {
        Objects.requireNonNull(handler, "handler");
        return addListener(new MeshListener() {
            @Override
            public void onMessage(Message message) {
                handler.accept(message);
            }
        });
    }

    /** Adds a listener; events from now on reach it. Callable from any thread, any time. */
    public Registration addListener(MeshListener listener) {
        return runtime.listeners().add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public String toString() {
        return "MeshNode[" + username() + "#" + id().shortHex() + "]";
    }

    /**
     * Configures a {@link MeshNode}. Not thread-safe: use one builder from one thread. Each
     * {@link #build()} snapshots the settings into an immutable configuration.
     */
    public static final class Builder {
        private Identity identity;
        private String username;
        private final List<Transport> transports = new ArrayList<>();
        private final List<Discovery> discoveries = new ArrayList<>();
        private Executor listenerExecutor;
        /** Null: {@link LoopGroup#shared()}, looked up only at build (it starts threads). */
        private LoopGroup loops;
        private int ttl = NodeConfig.DEFAULT_TTL;
        /** 0: the same as {@link #ttl}. */
        private int announceTtl;
        private int seenCacheCapacity = NodeConfig.DEFAULT_SEEN_CAPACITY;
        private Duration seenCacheMaxAge = NodeConfig.DEFAULT_SEEN_MAX_AGE;
        private int maxKnownNodes = NodeConfig.DEFAULT_MAX_NODES;
        private int maxPendingFrames = NodeConfig.DEFAULT_MAX_PENDING_FRAMES;
        private long maxPendingBytes = NodeConfig.DEFAULT_MAX_PENDING_BYTES;
        private Duration handshakeTimeout = NodeConfig.DEFAULT_HANDSHAKE_TIMEOUT;
        private Duration announceInterval = NodeConfig.DEFAULT_ANNOUNCE_INTERVAL;
        private int maxGroups = NodeConfig.DEFAULT_MAX_GROUPS;
        private int maxGroupsPerNode = NodeConfig.DEFAULT_MAX_GROUPS_PER_NODE;
        private boolean autoConnect = true;
        private boolean pruneTopics;
        private MessageStore store;
        private int targetLinks = NodeConfig.DEFAULT_TARGET_LINKS;
        private Duration keepaliveInterval = NodeConfig.DEFAULT_KEEPALIVE_INTERVAL;
        private Duration linkTimeout = NodeConfig.DEFAULT_LINK_TIMEOUT;
        private Duration reconnectMin = NodeConfig.DEFAULT_RECONNECT_MIN;
        private Duration reconnectMax = NodeConfig.DEFAULT_RECONNECT_MAX;
        private AbuseLimits limits = AbuseLimits.DEFAULTS;
        private String networkKey;
        private Duration receiptTimeout = NodeConfig.DEFAULT_RECEIPT_TIMEOUT;
        private Duration maxClockSkew = NodeConfig.DEFAULT_MAX_CLOCK_SKEW;
        private KdfParams groupKdf = KdfParams.DEFAULT;
        private boolean parallelVerification = true;
        private SecurityProfile profile = SecurityProfile.SECURE;
        private SignatureProvider signatures = SignatureProvider.AUTO;
        private Path stateDirectory;

        private Builder() {}

        /** The node's key pair; default: a fresh {@link Identity#generate()} per build. */
        public Builder identity(Identity identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /**
         * The name shown to others: 1-32 code points, no control or format characters. Default:
         * the identity's codename.
         */
        public Builder username(String username) {
            this.username = NodeConfig.validateUsername(username);
            return this;
        }

        /** Adds a transport; a node needs at least one to reach anyone. */
        public Builder transport(Transport transport) {
            transports.add(Objects.requireNonNull(transport, "transport"));
            return this;
        }

        /** Adds a discovery; found peers are dialed. None by default. */
        public Builder discovery(Discovery discovery) {
            discoveries.add(Objects.requireNonNull(discovery, "discovery"));
            return this;
        }

        /**
         * Where listener callbacks run and the futures of public operations complete, one at a
         * time and in order. Default: the {@link #loops loop group}'s callback thread (for a
         * host-driven group, inside {@link MeshNode#poll()}). A custom executor must run tasks one
         * at a time in submission order (a game loop's task queue is ideal); the node does not
         * shut it down. A callback must not block on a node's future: it would wait for itself.
         */
        public Builder listenerExecutor(Executor executor) {
            this.listenerExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The loop group the node runs on, and so the clock it lives by (timestamps, ages,
         * timeouts, backoff, and the reference for {@link #maxClockSkew}). Default:
         * {@link LoopGroup#shared()}, on the system clock. A {@link LoopGroup#hostDriven} group
         * runs no thread: the host drives the node with {@link MeshNode#poll()}.
         */
        public Builder loops(LoopGroup loops) {
            this.loops = Objects.requireNonNull(loops, "loops");
            return this;
        }

        /** Hops a packet this node sends may travel: 1-64, default 16. */
        public Builder ttl(int ttl) {
            this.ttl = NodeConfig.checkRange("ttl", ttl, 1, NodeConfig.MAX_TTL);
            return this;
        }

        /**
         * Hops this node's announces travel: 1-64; default: the same as {@link #ttl}, so every
         * node the mesh reaches learns of this one. With full presence each of N nodes checks
         * the signature of, and keeps a directory entry for, every other node's announce: O(N)
         * work per node per {@link #announceInterval}, O(N^2) for the mesh. A smaller radius
         * bounds both by the neighbourhood, for meshes of thousands of nodes. Nodes farther
         * away still receive and relay this node's messages, but do not list it in
         * {@link MeshNode#nodes()}, show its codename instead of its username, cannot send it
         * private messages (they have no key for it), and learn its group memberships only
         * from the joins and leaves it floods.
         */
        public Builder announceTtl(int hops) {
            this.announceTtl = NodeConfig.checkRange("announceTtl", hops, 1, NodeConfig.MAX_TTL);
            return this;
        }

        /**
         * Message ids remembered for duplicate detection: default 131,072 (about 4.5 MiB when
         * full; the cache starts at 1,024 and grows as ids arrive).
         */
        public Builder seenCacheCapacity(int entries) {
            this.seenCacheCapacity = NodeConfig.checkRange("seenCacheCapacity", entries, 16,
                    1 << 26);
            return this;
        }

        /** How long a message id is remembered at most: default 10 minutes. */
        public Builder seenCacheMaxAge(Duration age) {
            this.seenCacheMaxAge = NodeConfig.checkPositive("seenCacheMaxAge", age);
            return this;
        }

        /** Other nodes remembered from announces; further new nodes are ignored. Default 4,096. */
        public Builder maxKnownNodes(int nodes) {
            this.maxKnownNodes = NodeConfig.checkRange("maxKnownNodes", nodes, 1, 1 << 20);
            return this;
        }

        /**
         * Frames received but not yet processed by the node thread; beyond it new frames are
         * dropped and counted. One link may hold at most three quarters of it, so a flooding
         * link cannot crowd out the others. A link that loses a frame this way is closed (the
         * encryption counts frames, so it cannot go on); one that overran its own share is
         * refused for the {@link #floodPenalty} ban time. Default 16,384.
         */
        public Builder maxPendingFrames(int frames) {
            this.maxPendingFrames = NodeConfig.checkRange("maxPendingFrames", frames, 16,
                    1 << 24);
            return this;
        }

        /**
         * Bytes of received frames not yet processed by the node thread; beyond it new frames
         * are dropped and counted, with the same per-link share and consequences as
         * {@link #maxPendingFrames}. Default 64 MiB.
         */
        public Builder maxPendingBytes(long bytes) {
            if (bytes < 65_536 || bytes > (1L << 40)) {
                throw new IllegalArgumentException(
                        "maxPendingBytes must be 65536..2^40, was " + bytes);
            }
            this.maxPendingBytes = bytes;
            return this;
        }

        /** Time a new link has to authenticate before it is closed: default 5 s. */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = NodeConfig.checkPositive("handshakeTimeout", timeout);
            return this;
        }

        /**
         * How often the node re-announces itself; nodes not heard from for three intervals are
         * forgotten. Default 30 s.
         */
        public Builder announceInterval(Duration interval) {
            this.announceInterval = NodeConfig.checkPositive("announceInterval", interval);
            return this;
        }

        /** Groups remembered in the mesh; creations beyond it are ignored. Default 1,024. */
        public Builder maxGroups(int groups) {
            this.maxGroups = NodeConfig.checkRange("maxGroups", groups, 1, 1 << 16);
            return this;
        }

        /**
         * Groups one node may be in; statements listing more are rejected as malformed, and this
         * node refuses to join more. Default 64. Part of the protocol: keep it equal mesh-wide.
         */
        public Builder maxGroupsPerNode(int groups) {
            this.maxGroupsPerNode = NodeConfig.checkRange("maxGroupsPerNode", groups, 1, 1024);
            return this;
        }

        /**
         * Whether this node dials on its own: peers its discoveries find, and known nodes from
         * their announced addresses while it has fewer than {@link #targetLinks} links. Default
         * true; false leaves only explicit {@code connect} calls.
         */
        public Builder autoConnect(boolean enabled) {
            this.autoConnect = enabled;
            return this;
        }

        /**
         * Whether topic messages travel only towards the nodes that announce their topic (along
         * each one's route, as direct messages do) instead of to every node. Default false:
         * pruning saves frames but gives up the spare paths of a flood, and a node reaches a
         * subscriber only once its announce has arrived; see the README's measurement.
         */
        public Builder pruneTopics(boolean enabled) {
            this.pruneTopics = enabled;
            return this;
        }

        /**
         * Where the node keeps the messages it shows and sends ({@link MeshNode#history}), and
         * how it knows a message it showed before, even from an earlier run. Default: in
         * memory, {@link StoreLimits#MEMORY_DEFAULT}. The node closes the store when it closes;
         * one store serves one node.
         */
        public Builder store(MessageStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Links this node tries to keep when auto-connecting: default 3. */
        public Builder targetLinks(int links) {
            this.targetLinks = NodeConfig.checkRange("targetLinks", links, 1, 64);
            return this;
        }

        /**
         * A link that has received nothing for {@code interval} is pinged; one that has received
         * nothing for {@code timeout} is closed as dead. Defaults 4 s and 12 s, so a peer that
         * vanishes without closing its connection is noticed within 13 s.
         */
        public Builder keepalive(Duration interval, Duration timeout) {
            this.keepaliveInterval = NodeConfig.checkPositive("keepalive interval", interval);
            this.linkTimeout = NodeConfig.checkPositive("link timeout", timeout);
            if (timeout.compareTo(interval.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException(
                        "link timeout must be at least twice the keepalive interval");
            }
            return this;
        }

        /** Backoff of re-dials to {@code connect}ed addresses: default 1 s doubling to 60 s. */
        public Builder reconnectBackoff(Duration min, Duration max) {
            this.reconnectMin = NodeConfig.checkPositive("reconnect min", min);
            this.reconnectMax = NodeConfig.checkPositive("reconnect max", max);
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("reconnect max must be at least min");
            }
            return this;
        }

        /**
         * A shared secret that separates this mesh from others on the same network: nodes with
         * a different key (or none) fail the link handshake, so the meshes never mix. Default:
         * none (the open network). The key is mixed into the Noise prologue, so a node that
         * dials ours can test guesses offline: use a long random key, not a word. In the
         * {@link SecurityProfile#OPEN open profile} its digest travels in the clear: it still
         * keeps meshes apart, but anyone who reads the traffic can join.
         */
        public Builder networkKey(String key) {
            if (key != null && key.isEmpty()) {
                throw new IllegalArgumentException("network key must not be empty");
            }
            this.networkKey = key;
            return this;
        }

        /**
         * Caps on links: authenticated links (default 128), links still in their handshake
         * (default 64) and those from one remote host (default 8). Inbound links beyond a cap
         * are closed at once, so half-open connections cannot crowd out real peers.
         */
        public Builder maxLinks(int links, int pendingHandshakes, int pendingPerHost) {
            this.limits = limits.withLinks(links, pendingHandshakes, pendingPerHost);
            return this;
        }

        /**
         * Frames per second one link may deliver (default 2,000, burst 10,000: a link relays
         * the whole mesh's traffic, and a new link's state sync arrives at once). Frames over
         * it are dropped and counted, and count towards a strike (see {@link #floodPenalty}).
         */
        public Builder linkRateLimit(double framesPerSecond, int burst) {
            this.limits = limits.withLinkRate(framesPerSecond, burst);
            return this;
        }

        /**
         * New packets per second accepted from one origin, wherever they come from (default
         * 500, burst 1,000: far above any person, room for a chatty bot). Packets over it are
         * dropped, counted, and not relayed.
         */
        public Builder originRateLimit(double packetsPerSecond, int burst) {
            this.limits = limits.withOriginRate(packetsPerSecond, burst);
            return this;
        }

        /**
         * A link that overruns its rate limit by a whole burst earns a strike, and so does each
         * frame it sends that does not decode (no conforming peer sends one); after
         * {@code strikes} strikes (default 3) it is closed and its node is refused for
         * {@code ban} (default 60 s).
         */
        public Builder floodPenalty(int strikes, Duration ban) {
            this.limits = limits.withPenalty(strikes, ban);
            return this;
        }

        /**
         * How long a private message waits for its recipient's receipt before listeners hear
         * {@link MeshListener#onPrivateUndelivered}; default 30 s.
         */
        public Builder receiptTimeout(Duration timeout) {
            this.receiptTimeout = NodeConfig.checkPositive("receipt timeout", timeout);
            return this;
        }

        /**
         * How far a packet's timestamp may be from this node's clock: packets of any kind dated
         * further ahead are dropped (a future-dated statement would outrank every later one),
         * and chat messages dated further back are dropped as stale. Default 24 h, at most 3,650
         * days. Nodes whose clocks differ by more cannot chat.
         */
        public Builder maxClockSkew(Duration skew) {
            NodeConfig.checkPositive("maxClockSkew", skew);
            if (skew.compareTo(NodeConfig.MAX_CLOCK_SKEW) > 0) {
                throw new IllegalArgumentException("maxClockSkew must be at most "
                        + NodeConfig.MAX_CLOCK_SKEW.toDays() + " days, was " + skew);
            }
            this.maxClockSkew = skew;
            return this;
        }

        /**
         * Argon2id costs for the password-protected groups this node creates: memory in KiB
         * (8 per lane up to 262,144), passes (1-10) and lanes (1-4). Default 65,536 KiB
         * (64 MiB), 3 passes, 1 lane: a fraction of a second per create or join. The costs
         * travel in the group's creation and every joiner derives its key with them, whatever
         * its own setting, so lower them only for tests or tiny devices: they are what an
         * attacker who guesses passwords offline pays per guess.
         */
        public Builder groupKdf(int memoryKiB, int iterations, int parallelism) {
            this.groupKdf = new KdfParams(memoryKiB, iterations, parallelism);
            return this;
        }

        /**
         * Whether a busy node may check signatures on other threads. Default true: while work
         * waits for the node's loop thread, each new packet's signature (the costliest step of
         * handling it) is checked on a pool shared by every node in the process, one daemon
         * thread per core, and the results are applied in arrival order. An idle node always
         * checks on its own loop. False keeps all checks on the loop. Nodes on a
         * {@link LoopGroup#hostDriven host-driven} group and single-core machines never use the
         * pool.
         */
        public Builder parallelVerification(boolean enabled) {
            this.parallelVerification = enabled;
            return this;
        }

        /**
         * {@link SecurityProfile#SECURE} (the default): encrypted links and signed packets.
         * {@link SecurityProfile#OPEN}: plaintext links and unsigned packets, for a network you
         * trust that wants raw speed; see the enum for what each protects. Every node of a
         * mesh must use the same profile: nodes of different profiles refuse to link.
         */
        public Builder securityProfile(SecurityProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * Which Ed25519 implementation the node signs and verifies with (see
         * {@link SignatureProvider}). Default {@link SignatureProvider#AUTO}: libsodium when JNA
         * and the system library are there and pass a self-test, else BouncyCastle's pure Java.
         * {@link SignatureProvider#BOUNCY_CASTLE} keeps native code out of the process;
         * {@link SignatureProvider#NATIVE} makes {@link #build()} fail if libsodium is not
         * usable. The choice changes speed only: every implementation makes and accepts the same
         * signatures, so nodes with different choices mesh as usual. Which one a node runs is in
         * {@link NodeStatus#signatureProvider()}. Like every setter, call it from one thread
         * before {@link #build()}.
         */
        public Builder signatures(SignatureProvider provider) {
            this.signatures = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * A directory where the node keeps what a restart must not lose: the groups it created or
         * joined, their creations, and the keys of the protected ones, in the file
         * {@code groups.state}, encrypted with a key derived from the identity (so use the same
         * identity, e.g. {@link Identity#loadOrCreate(Path)} on the same directory), owner-only.
         * A restarted node is back in its groups before it first announces, so peers see no
         * leave and no join. The file is written when this node creates, joins or leaves a group
         * and on {@link MeshNode#close()}; one that cannot be read is logged and ignored. Default:
         * none, nothing is written to disk. Use one directory per running node. Like every
         * setter, call it from one thread before {@link #build()}.
         */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Builds the node (not started).
         *
         * @throws IllegalStateException if {@link #signatures} asked for
         *     {@link SignatureProvider#NATIVE} and libsodium cannot be used (the message says why)
         */
        public MeshNode build() {
            Ed25519Provider ed25519 = Ed25519Providers.resolve(signatures);
            Identity id = identity != null ? identity : Identity.generate();
            String name = username != null ? username : id.codename();
            return new MeshNode(new NodeConfig(id, name, List.copyOf(transports),
                    List.copyOf(discoveries), listenerExecutor,
                    (loops != null ? loops : LoopGroup.shared()).loops(), ttl,
                    announceTtl == 0 ? ttl : announceTtl, seenCacheCapacity,
                    seenCacheMaxAge, maxKnownNodes, maxPendingFrames, maxPendingBytes,
                    handshakeTimeout, announceInterval, maxGroups, maxGroupsPerNode, autoConnect,
                    targetLinks, keepaliveInterval, linkTimeout, reconnectMin, reconnectMax,
                    limits, LinkFrames.networkId(networkKey), receiptTimeout,
                    maxClockSkew, groupKdf, profile, parallelVerification, stateDirectory,
                    ed25519, pruneTopics, store != null ? store
                            : new MemoryMessageStore(StoreLimits.MEMORY_DEFAULT)));
        }
    }
}
