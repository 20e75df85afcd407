package dev.ghostmesh.examples;

import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageId;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.PublishOptions;
import dev.ghostmesh.transport.lan.LanDiscovery;
import dev.ghostmesh.transport.tcp.TcpTransport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The headless node of the {@link IotGatewayExample}: publishes sensor readings at a fixed
 * interval, as 12-byte {@link SensorReading}s on one topic per sensor, and answers requests
 * and chat commands ({@link GatewayCommands}).
 *
 * <p>Threading: one daemon thread, {@code gateway}, does all the gateway's work: it takes the
 * readings, and is the node's listener executor (so request handlers run on it too) and the
 * executor of every future's follow-up, so commands and readings never race and no state needs
 * a lock. {@link #start} and {@link #stop} run on the main thread; {@link #requestStop} and
 * {@link #awaitStopped} are callable from any thread (a shutdown hook uses them).
 */
final class IotGateway implements MeshListener {
    /** Requests for the next reading that may wait at once: each holds a future until then. */
    private static final int MAX_WAITING = 64;

    /**
     * How the gateway runs.
     *
     * @param name its username, and the middle of its topics' names
     * @param home directory of a stable identity, or null for a fresh one per run
     * @param operators the nodes whose commands it obeys; empty: any node's
     */
    record Settings(String name, Path home, String bindAddress, int port,
            List<PeerAddress> connect, boolean lanDiscovery, Duration interval,
            Set<NodeId> operators) {}

    /** Why the gateway stops, and the process exit code that goes with it. */
    record Stop(String reason, int exitCode) {}

    private final Settings settings;
    private final PrintStream out;
    private final ScheduledThreadPoolExecutor thread;
    private final MeshNode node;
    private final SimulatedSensors sensors = new SimulatedSensors();
    private final Map<SensorReading.Quantity, String> topics =
            new EnumMap<>(SensorReading.Quantity.class);
    private final List<CompletableFuture<SensorReading>> waiting = new ArrayList<>();
    private final CompletableFuture<Stop> stopRequest = new CompletableFuture<>();
    private final CompletableFuture<Integer> stopped = new CompletableFuture<>();
    private final long startedNanos = System.nanoTime();
    private final GatewayCommands commands;
    private Duration interval;
    private ScheduledFuture<?> publishing;

    IotGateway(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.interval = settings.interval();
        for (SensorReading.Quantity q : SensorReading.Quantity.values()) {
            topics.put(q, SensorReading.topic(settings.name(), q));
        }
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gateway");
            t.setDaemon(true);
            return t;
        });
        MeshNode.Builder builder = MeshNode.builder().username(settings.name())
                .transport(TcpTransport.builder().bindAddress(settings.bindAddress())
                        .port(settings.port()).build())
                .listenerExecutor(thread);
        if (settings.home() != null) {
            builder.identity(Identity.loadOrCreate(settings.home()));
        }
        if (settings.lanDiscovery()) {
            builder.discovery(LanDiscovery.builder().build());
        }
        this.node = builder.build();
        node.addListener(this);
        commands = new GatewayCommands(this, node, settings.operators(), out);
        commands.register();
    }

    /** Starts the node, dials the given peers, and starts publishing. */
    void start() {
        node.start();
        out.printf("gateway %s listening on port %d (LAN discovery %s)%n", label(node),
                node.status().listening().get(0).port(), settings.lanDiscovery() ? "on" : "off");
        out.println("id " + node.id().hex());
        for (PeerAddress address : settings.connect()) {
            node.connect(address).whenCompleteAsync((peer, error) -> {
                if (error != null) {
                    out.println("cannot reach " + address + " yet (" + cause(error).getMessage()
                            + "); retrying with backoff");
                }
            }, thread);
        }
        thread.execute(() -> {
            out.printf("publishing %s every %s s; answering %s, %s, %s, %s%n",
                    String.join(" and ", topics.values()), Intervals.seconds(interval),
                    GatewayCommands.STATUS, GatewayCommands.SET_INTERVAL, GatewayCommands.STOP,
                    GatewayCommands.NEXT_READING);
            publishEvery(Duration.ZERO);
        });
    }

    /** Asks the main thread to stop the gateway; the first request wins. Any thread. */
    void requestStop(String reason, int exitCode) {
        stopRequest.complete(new Stop(reason, exitCode));
    }

    /** Blocks until someone asks the gateway to stop. */
    Stop awaitStopRequest() {
        return stopRequest.join();
    }

    /** Stops publishing, says goodbye to the mesh, and returns the exit code. Main thread. */
    int stop(Stop stop) {
        thread.shutdown(); // cancels the periodic reading; a command in progress finishes
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int peers = node.peers().size();
        node.close();
        out.printf("stopped (%s): said goodbye to %s%n", stop.reason(), peers(peers));
        stopped.complete(stop.exitCode());
        return stop.exitCode();
    }

    /** Waits for {@link #stop} to finish: its exit code, or 1 if it did not in time. */
    int awaitStopped(Duration max) {
        try {
            return stopped.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException | ExecutionException e) {
            return 1;
        }
    }

    /** What the {@code status} command answers. Gateway thread. */
    String status() {
        int subscribers = node.subscribers(topics.get(SensorReading.Quantity.TEMPERATURE))
                .size();
        return String.format(Locale.ROOT, "up %d s, %d readings every %s s, %d subscriber%s, %s",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos),
                sensors.count(), Intervals.seconds(interval), subscribers, subscribers == 1 ? "" : "s",
                peers(node.peers().size()));
    }

    /**
     * Takes readings every {@code newInterval} from now on. Gateway thread.
     *
     * @throws IllegalArgumentException with a user-facing message if it is not 0.1-3600 s
     */
    String setInterval(Duration newInterval) {
        interval = Intervals.check(newInterval);
        if (publishing != null) {
            publishEvery(interval);
        }
        return "interval set to " + Intervals.seconds(interval) + " s";
    }

    /** Readings taken so far. Gateway thread. */
    long readings() {
        return sensors.count();
    }

    /** The next temperature reading, once it is taken. Gateway thread. */
    CompletableFuture<SensorReading> nextReading() {
        if (waiting.size() >= MAX_WAITING) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    MAX_WAITING + " requests already wait for the next reading"));
        }
        CompletableFuture<SensorReading> next = new CompletableFuture<>();
        waiting.add(next);
        return next;
    }

    @Override
    public void onMessage(Message message) {
        if (message.kind() == MessageKind.PRIVATE) {
            commands.obey(message);
        }
    }

    @Override
    public void onPeerConnected(PeerInfo peer) {
        out.println("peer connected: " + printable(peer.username()) + "#"
                + peer.id().shortHex() + " at " + peer.address());
    }

    @Override
    public void onPeerDisconnected(PeerInfo peer, String reason) {
        out.println("peer disconnected: " + printable(peer.username()) + "#"
                + peer.id().shortHex() + " (" + reason + ")");
    }

    private void publishEvery(Duration firstDelay) {
        if (publishing != null) {
            publishing.cancel(false);
        }
        publishing = thread.scheduleAtFixedRate(this::publish, firstDelay.toMillis(),
                interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void publish() {
        SimulatedSensors.Sample sample = sensors.read();
        // Keyed per sensor: a reading still queued when the next one is taken is replaced by
        // it, and one nobody got within two intervals is dropped where it is, since a newer
        // one is on its way by then.
        Duration lifetime = interval.multipliedBy(2);
        List<CompletableFuture<MessageId>> sent = new ArrayList<>();
        topics.forEach((quantity, topic) -> sent.add(node.publish(topic,
                sample.of(quantity).encode(), PublishOptions.defaults().latestKey(topic)
                        .expiresAfter(lifetime))));
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                .whenCompleteAsync((done, error) -> {
                    if (error == null) {
                        out.printf(Locale.ROOT, "published seq=%d: temperature %.1f C,"
                                + " humidity %.1f %%%n", sample.seq(), sample.temperatureC(),
                                sample.humidityPercent());
                    } else {
                        out.println("error: reading not sent: " + cause(error).getMessage());
                    }
                }, thread);
        SensorReading temperature = sample.of(SensorReading.Quantity.TEMPERATURE);
        waiting.forEach(w -> w.complete(temperature));
        waiting.clear();
    }

    private static String peers(int count) {
        return count + (count == 1 ? " peer" : " peers");
    }

    private static String label(MeshNode node) {
        return node.username() + "#" + node.id().shortHex();
    }

    /** Text from the network, with control characters escaped so it cannot drive a terminal. */
    static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    private static Throwable cause(Throwable t) {
        return GatewayCommands.cause(t);
    }
}
