package dev.ghostmesh.internal.runtime;

import dev.ghostmesh.spi.IoHandler;
import dev.ghostmesh.spi.LoopContext;
import dev.ghostmesh.spi.MeshClock;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.concurrent.Future;

/**
 * A node's loop as its plug-ins see it ({@link LoopContext}), shared by the transports' and the
 * discoveries' contexts, which add what is their own.
 *
 * <p>Threading: as {@link LoopContext} says: any thread, except {@link #register} (the loop).
 */
public abstract class NodeLoopContext implements LoopContext {
    /** The node's loop, which every call here goes to. */
    protected final NodeLoop loop;
    private final MeshClock clock;

    protected NodeLoopContext(NodeLoop loop, MeshClock clock) {
        this.loop = loop;
        this.clock = clock;
    }

    @Override
    public MeshClock clock() {
        return clock;
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task); // false once the node stopped: dropped, as the SPI says
    }

    @Override
    public Runnable schedule(Runnable task, Duration delay) {
        Timer t = loop.schedule(task, delay);
        return t::cancel;
    }

    @Override
    public boolean inLoop() {
        return loop.inLoop();
    }

    @Override
    public SelectionKey register(SelectableChannel channel, int ops, IoHandler handler)
            throws IOException {
        return loop.register(channel, ops, handler);
    }

    @Override
    public boolean await(Future<?> done, Duration limit) {
        return loop.await(done, limit);
    }
}
