package dev.ghostmesh.internal.node;

import dev.ghostmesh.Identity;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the parts of a running node share: configuration, the node thread's scheduler, counters
 * and the listener bus. Immutable except {@link #listenPort}, which is set once at start.
 *
 * <p>Threading: fields are safe to read from any thread; the scheduler runs tasks on the node
 * thread.
 */
final class NodeContext {
    private final NodeConfig config;
    private final ScheduledExecutorService scheduler;
    private final Counters counters;
    private final ListenerBus listeners;
    private volatile int listenPort;

    NodeContext(NodeConfig config, ScheduledExecutorService scheduler, Counters counters,
            ListenerBus listeners) {
        this.config = config;
        this.scheduler = scheduler;
        this.counters = counters;
        this.listeners = listeners;
    }

    NodeConfig config() {
        return config;
    }

    Identity identity() {
        return config.identity();
    }

    String username() {
        return config.username();
    }

    Clock clock() {
        return config.clock();
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    Counters counters() {
        return counters;
    }

    ListenerBus listeners() {
        return listeners;
    }

    int listenPort() {
        return listenPort;
    }

    void listenPort(int port) {
        this.listenPort = port;
    }
}
