package dev.ghostmesh.testing;

import dev.ghostmesh.LoopGroup;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.IoHandler;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.LoopContext;
import dev.ghostmesh.spi.MeshClock;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.spi.TransportContext;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * The loop services of a fake {@link TransportContext} or {@code DiscoveryContext} (execute,
 * schedule, inLoop, register, await, clock), so that a transport or a discovery under test sees
 * the same ordering and threading a node gives it. A fake transport context extends
 * {@link Looped} and adds the link callbacks; a fake discovery context extends
 * {@link LoopBacked}.
 *
 * <p>The loop is a real node's: the first fake to need it starts one idle node (no links, no
 * listener) on a loop group of one thread of its own, with a transport that only keeps the
 * context the node hands it, and every fake in the JVM then shares that context's loop services.
 * A real loop rather than a look-alike keeps the fakes true to the SPI as the core implements it
 * (level-triggered readiness, the order of tasks and timers, {@code register} on the loop only),
 * through the public API alone. The node lives as long as the JVM, like the loop threads a test
 * run shares.
 *
 * <p>Threading: every method is callable from any thread, except {@link LoopContext#register},
 * which is for the loop thread only, as the SPI says.
 */
public final class ContextLoop {
    private ContextLoop() {}

    /** Started on first use: a test that needs no fake context starts no node. */
    private static final class Shared {
        static final LoopContext LOOP = borrowLoop();
        static final String THREAD_NAME = threadOf(LOOP);
    }

    /** The loop services every fake context shares. */
    public static LoopContext shared() {
        return Shared.LOOP;
    }

    /**
     * The name of the one thread every fake context's loop runs on, for tests that check which
     * thread a transport's callbacks come from.
     */
    public static String threadName() {
        return Shared.THREAD_NAME;
    }

    /**
     * A fake transport context's base: the loop services done, the link callbacks
     * ({@link TransportContext#onLinkUp}, {@code onFrame}, {@code onLinkDown},
     * {@code maxFrameSize}) left to the test.
     *
     * <p>Threading: as {@link LoopBacked}; the callbacks are the subclass's to make safe.
     */
    public abstract static class Looped extends LoopBacked implements TransportContext {
        /** For subclasses. */
        protected Looped() {}
    }

    /**
     * A fake plug-in context's loop services ({@link LoopContext}) on the shared loop: what a
     * discovery's context needs besides its own callbacks.
     *
     * <p>Threading: every method is callable from any thread, except {@link #register}, which
     * is for the loop thread only.
     */
    public abstract static class LoopBacked implements LoopContext {
        private final LoopContext loop = shared();

        /** For subclasses. */
        protected LoopBacked() {}

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

    private static LoopContext borrowLoop() {
        ContextKeeper keeper = new ContextKeeper();
        MeshNode node = MeshNode.builder().username("test-context")
                .loops(LoopGroup.threads(1, MeshClock.system()))
                .transport(keeper).autoConnect(false).build();
        node.start();
        return keeper.context.join();
    }

    private static String threadOf(LoopContext loop) {
        CompletableFuture<String> name = new CompletableFuture<>();
        loop.execute(() -> name.complete(Thread.currentThread().getName()));
        return name.join();
    }

    /** A transport that dials nothing and listens nowhere: it only keeps its context. */
    private static final class ContextKeeper implements Transport {
        final CompletableFuture<TransportContext> context = new CompletableFuture<>();

        @Override
        public void start(TransportContext ctx) {
            context.complete(ctx);
        }

        @Override
        public boolean supports(PeerAddress address) {
            return false;
        }

        @Override
        public CompletableFuture<Link> dial(PeerAddress address) {
            return CompletableFuture.failedFuture(
                    new IOException("the test context's node dials nothing"));
        }

        @Override
        public List<PeerAddress> listenAddresses() {
            return List.of();
        }

        @Override
        public void close() {}
    }
}
