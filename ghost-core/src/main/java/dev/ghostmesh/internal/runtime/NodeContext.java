package dev.ghostmesh.internal.runtime;

import dev.ghostmesh.Identity;
import dev.ghostmesh.internal.crypto.Ed25519Provider;
import dev.ghostmesh.spi.MeshClock;

/**
 * What the parts of a running node share: configuration, the node thread's scheduler, counters
 * and the listener bus. Immutable except {@link #listenPort}, which is set once at start, and
 * the refusal log's rate budget, which only the node thread touches.
 *
 * <p>Threading: fields are safe to read from any thread; the loop runs tasks on the node
 * thread.
 */
public final class NodeContext {
    private final NodeConfig config;
    private final NodeLoop loop;
    private final Counters counters;
    private final ListenerBus listeners;
    /** Node thread only, like everything it logs. */
    private final RefusalLog refusals;
    private final History history;
    private volatile int listenPort;

    public NodeContext(NodeConfig config, NodeLoop loop, Counters counters, ListenerBus listeners) {
        this.config = config;
        this.loop = loop;
        this.counters = counters;
        this.listeners = listeners;
        this.refusals = new RefusalLog(config.clock());
        this.history = new History(config.store(), config.clock(), counters, listeners,
                loop::execute, loop::inLoop);
    }

    /** Where chat messages are shown and kept. Node thread only. */
    public History history() {
        return history;
    }

    public NodeConfig config() {
        return config;
    }

    public Identity identity() {
        return config.identity();
    }

    /** The Ed25519 implementation this node signs and verifies with. */
    public Ed25519Provider signatures() {
        return config.signatures();
    }

    public String username() {
        return config.username();
    }

    public MeshClock clock() {
        return config.clock();
    }

    /** The node thread, for hopping back onto it and for timers. */
    public NodeLoop loop() {
        return loop;
    }

    public Counters counters() {
        return counters;
    }

    public ListenerBus listeners() {
        return listeners;
    }

    /** Where refused network input is logged, at INFO and rate-limited. Node thread only. */
    public RefusalLog refusals() {
        return refusals;
    }

    public int listenPort() {
        return listenPort;
    }

    public void listenPort(int port) {
        this.listenPort = port;
    }
}
