package dev.ghostmesh.benchmarks.load;

import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.transport.tcp.TcpTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A quick end-to-end probe: N nodes in one JVM on real TCP loopback, linked in a chain; the
 * head sends M broadcasts of S bytes with at most W in flight (a message leaves the window when
 * the tail delivers it), and the probe prints messages per second at the tail. The full load
 * tool (issue 6) grows out of this.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.ghostmesh.benchmarks.load.ChainProbe [nodes] [messages] [bytes] [window]}. Rate limits are
 * raised for the run (a benchmark is one trusted sender flooding on purpose).
 *
 * <p>Threading: main thread sends; listener threads count deliveries.
 */
public final class ChainProbe {
    private ChainProbe() {}

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int bytes = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int window = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        List<MeshNode> chain = new ArrayList<>();
        AtomicLong delivered = new AtomicLong();
        Semaphore inFlight = new Semaphore(window);
        try {
            for (int i = 0; i < nodes; i++) {
                MeshNode.Builder b = MeshNode.builder().username("n" + i).autoConnect(false)
                        .transport(TcpTransport.builder().port(0).bindAddress("127.0.0.1")
                                .build());
                raiseLimits(b);
                MeshNode n = b.build();
                if (i == nodes - 1) {
                    n.addListener(new MeshListener() {
                        @Override
                        public void onMessage(Message m) {
                            delivered.incrementAndGet();
                            inFlight.release();
                        }
                    });
                }
                n.start();
                if (!chain.isEmpty()) {
                    int port = chain.get(chain.size() - 1).status().listening().get(0).port();
                    n.connect(PeerAddress.tcp("127.0.0.1", port)).get(10, TimeUnit.SECONDS);
                }
                chain.add(n);
            }
            MeshNode head = chain.get(0);
            String text = "x".repeat(bytes);
            // Warm-up: let presence settle and the JIT compile the path.
            send(head, inFlight, text, Math.min(2_000, messages / 5));
            awaitDelivered(delivered, Math.min(2_000, messages / 5));
            delivered.set(0);
            long start = System.nanoTime();
            send(head, inFlight, text, messages);
            awaitDelivered(delivered, messages);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("chain of %d nodes, %d broadcasts of %d bytes, window %d: %.0f"
                    + " messages/s at the tail (%.2f s)%n", nodes, messages, bytes, window,
                    messages / seconds, seconds);
        } finally {
            chain.forEach(MeshNode::close);
        }
    }

    private static void send(MeshNode head, Semaphore inFlight, String text, int n)
            throws InterruptedException {
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            head.broadcast(text);
        }
    }

    private static void awaitDelivered(AtomicLong delivered, long n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (delivered.get() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + delivered.get() + " of " + n
                        + " delivered: messages were lost");
            }
            Thread.sleep(5);
        }
    }

    /** Raises rate limits where the library has them (older versions had none). */
    private static void raiseLimits(MeshNode.Builder b) {
        for (String name : new String[] {"linkRateLimit", "originRateLimit"}) {
            try {
                b.getClass().getMethod(name, double.class, int.class).invoke(b, 1e7, 10_000_000);
            } catch (ReflectiveOperationException e) {
                // not in this version: nothing to raise
            }
        }
    }
}
