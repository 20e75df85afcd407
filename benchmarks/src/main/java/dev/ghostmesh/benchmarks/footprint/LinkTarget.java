package dev.ghostmesh.benchmarks.footprint;

import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.NodeStatus;
import dev.ghostmesh.transport.tcp.TcpTransport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node under test of {@link LinkFootprint}, alone in its own JVM so that its heap, resident
 * set and CPU time are its own: one {@link MeshNode} on TCP loopback with its link caps raised,
 * answering commands on stdin with one JSON line each on stdout ({@code count}: peers, known
 * nodes, delivered messages; {@code stats}: that plus memory after a full GC, CPU and threads;
 * {@code quit}). Its first line is {@code {"port":N}}. Started by {@link LinkFootprint}; by
 * hand: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.ghostmesh.benchmarks.footprint.LinkTarget 1100}.
 *
 * <p>Threading: the main thread reads commands; listener callbacks count deliveries.
 */
public final class LinkTarget {
    private LinkTarget() {}

    public static void main(String[] args) throws Exception {
        int maxLinks = args.length > 0 ? Integer.parseInt(args[0]) : 1_100;
        AtomicLong delivered = new AtomicLong();
        long cpuAtStart = ProcessMemory.cpuMillis();
        try (MeshNode node = MeshNode.builder().username("target").autoConnect(false)
                .maxLinks(maxLinks, 64, 8)
                .transport(TcpTransport.builder().port(0).bindAddress("127.0.0.1")
                        .maxConnections(maxLinks + 64).build())
                .build()) {
            node.addListener(new MeshListener() {
                @Override
                public void onMessage(Message m) {
                    delivered.incrementAndGet();
                }
            });
            node.start();
            reply(new JsonLine().put("port", node.status().listening().get(0).port())
                    .put("cpuMillisAtStart", cpuAtStart));
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                NodeStatus s = node.status();
                JsonLine out = new JsonLine().put("peers", node.peers().size())
                        .put("nodes", s.knownNodes()).put("delivered", delivered.get())
                        .put("relayed", s.packetsRelayed()).put("sendDropped", s.sendDropped())
                        .put("inboundDropped", s.inboundDropped())
                        .put("rateLimited", s.rateLimited()).put("invalid", s.invalidDropped())
                        .put("linksRefused", s.linksRefused())
                        .put("cpuMillis", ProcessMemory.cpuMillis()); // before the GC below
                if (line.equals("stats")) {
                    long pid = ProcessHandle.current().pid();
                    out.put("rssMiB", ProcessMemory.mib(ProcessMemory.rssKiB(pid)))
                            .put("committedHeapMiB", ProcessMemory.committedHeapMiB())
                            .put("liveHeapMiB", ProcessMemory.liveHeapMiB())
                            .put("rssAfterGcMiB", ProcessMemory.mib(ProcessMemory.rssKiB(pid)))
                            .put("threads", ProcessMemory.threads(pid))
                            .put("javaThreads", ProcessMemory.javaThreads());
                }
                reply(out);
            }
        }
    }

    private static void reply(JsonLine line) {
        System.out.println(line);
        System.out.flush();
    }
}
