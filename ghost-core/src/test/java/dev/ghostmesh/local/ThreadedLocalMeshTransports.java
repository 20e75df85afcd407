package dev.ghostmesh.local;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.ForwardingTransportContext;
import dev.ghostmesh.spi.Link;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.spi.TransportContext;
import dev.ghostmesh.testing.MeshTransports;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Mesh tests on an in-memory network whose transports behave like ones with I/O threads of
 * their own: every frame and link event reaches the node from a thread that is not the node's
 * loop, so it goes through the node's bounded intake queue, as a third-party transport's would.
 * (The bundled transports deliver on the node's loop and never queue.)
 */
final class ThreadedLocalMeshTransports implements MeshTransports {
    private final LocalNetwork network = LocalNetwork.create();
    private final List<ScheduledExecutorService> ioThreads = new CopyOnWriteArrayList<>();

    @Override
    public Transport newTransport(String name) {
        return new OnIoThread(network.transport(name));
    }

    @Override
    public Transport restartedAt(String name, Transport previous) {
        return newTransport(((OnIoThread) previous).local.name());
    }

    @Override
    public PeerAddress addressOf(Transport started) {
        return ((OnIoThread) started).local.address();
    }

    @Override
    public void close() {
        network.close();
        ioThreads.forEach(ScheduledExecutorService::shutdownNow);
    }

    /** A local transport whose deliveries run on a thread of its own instead of the loop. */
    private final class OnIoThread implements Transport {
        final LocalTransport local;

        OnIoThread(LocalTransport local) {
            this.local = local;
        }

        @Override
        public void start(TransportContext context) throws IOException {
            ScheduledExecutorService io = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "test-io-" + local.name());
                t.setDaemon(true);
                return t;
            });
            ioThreads.add(io);
            local.start(new ForwardingTransportContext(context) {
                @Override
                public void execute(Runnable task) {
                    try {
                        io.execute(task);
                    } catch (RejectedExecutionException closed) {
                        // The test is over: frames in flight are lost, as on a closed network.
                    }
                }

                @Override
                public Runnable schedule(Runnable task, Duration delay) {
                    ScheduledFuture<?> f = io.schedule(task, delay.toNanos(),
                            TimeUnit.NANOSECONDS);
                    return () -> f.cancel(false);
                }

                @Override
                public boolean inLoop() {
                    return false;
                }
            });
        }

        @Override
        public boolean supports(PeerAddress address) {
            return local.supports(address);
        }

        @Override
        public CompletableFuture<Link> dial(PeerAddress address) {
            return local.dial(address);
        }

        @Override
        public List<PeerAddress> listenAddresses() {
            return local.listenAddresses();
        }

        @Override
        public void close() {
            local.close();
        }
    }
}
