package dev.ghostmesh.internal.node;

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
final class NodeContext {
    private final NodeConfig config;
    private final NodeLoop loop;
    private final Counters counters;
    private final ListenerBus listeners;
    /** Node thread only, like everything it logs. */
    private final RefusalLog refusals;
    private volatile int listenPort;

    NodeContext(NodeConfig config, NodeLoop loop, Counters counters, ListenerBus listeners) {
        this.config = config;
        this.loop = loop;
        this.counters = counters;
        this.listeners = listeners;
        this.refusals = new RefusalLog(config.clock());
    }

    NodeConfig config() {
        return config;
    }

    Identity identity() {
        return config.identity();
    }

    /** The Ed25519 implementation this node signs and verifies with. */
    Ed25519Provider signatures() {
        return config.signatures();
    }

    String username() {
        return config.username();
    }

    MeshClock clock() {
        return config.clock();
    }

    /** The node thread, for hopping back onto it and for timers. */
    NodeLoop loop() {
        return loop;
    }

    Counters counters() {
        return counters;
    }

    ListenerBus listeners() {
        return listeners;
    }

    /** Where refused network input is logged, at INFO and rate-limited. Node thread only. */
    RefusalLog refusals() {
        return refusals;
    }

    int listenPort() {
        return listenPort;
    }

    void listenPort(int port) {
        this.listenPort = port;
    }
}
