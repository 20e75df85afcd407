package dev.ghostmesh.testing;

import dev.ghostmesh.internal.runtime.Loop;
import dev.ghostmesh.internal.runtime.Loops;
import dev.ghostmesh.internal.runtime.NodeLoop;
import dev.ghostmesh.internal.runtime.Timer;
import dev.ghostmesh.spi.IoHandler;
import dev.ghostmesh.spi.LoopContext;
import dev.ghostmesh.spi.MeshClock;
import dev.ghostmesh.spi.TransportContext;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.concurrent.Future;

/**
 * The loop services of a fake {@code TransportContext} or {@code DiscoveryContext} (execute,
 * schedule, inLoop, register, await, clock): a real node loop on a one-thread group shared by the
 * tests' fakes, so transports and discoveries under test see the same ordering and threading a
 * node gives them. Transport fakes extend {@link Looped}; a discovery fake holds one.
 *
 * <p>Threading: every method is callable from any thread.
 */
public final class ContextLoop {
    /** The one thread every fake context's loop runs on. */
    public static final String THREAD_NAME = "test-context-1";
    private static final Loops GROUP = Loops.threaded(1, MeshClock.system(), "test-context");

    private final Loop loop;

    /**
     * A fake transport context's base: the loop services done, the link callbacks left to the
     * test.
     */
    public abstract static class Looped extends LoopBacked implements TransportContext {
    }

    /** A fake plug-in context's loop services ({@link LoopContext}), on a context loop. */
    public abstract static class LoopBacked implements LoopContext {
        private final ContextLoop loop = new ContextLoop("fake");

        @Override
        public MeshClock clock() {
            return loop.clock();
        }

        @Override
        public void execute(Runnable task) {
            loop.execute(task);
        }

        @Override
        public Runnable schedule(Runnable task, Duration delay) {
            return loop.schedule(task, delay);
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

    public ContextLoop(String label) {
        this.loop = GROUP.newLoop(label);
    }

    public MeshClock clock() {
        return loop.clock();
    }

    public void execute(Runnable task) {
        loop.execute(task);
    }

    public Runnable schedule(Runnable task, Duration delay) {
        Timer t = loop.schedule(task, delay.toNanos());
        return t::cancel;
    }

    public boolean inLoop() {
        return loop.inLoop();
    }

    /**
     * Waits up to {@code limit} for {@code done}; on the loop only reports. The loop has a
     * thread of its own, so there is nothing to drive (node contexts of host-driven groups do).
     */
    public boolean await(Future<?> done, Duration limit) {
        if (inLoop()) {
            return done.isDone();
        }
        return NodeLoop.waitFor(done, limit);
    }

    /** Registers {@code channel} with the selector of the shared thread; loop only. */
    public SelectionKey register(SelectableChannel channel, int ops, IoHandler handler)
            throws IOException {
        return loop.register(channel, ops, handler);
    }
}
