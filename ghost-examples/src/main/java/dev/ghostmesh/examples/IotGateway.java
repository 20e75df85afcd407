package dev.ghostmesh.examples;

import dev.ghostmesh.GroupException;
import dev.ghostmesh.GroupInfo;
import dev.ghostmesh.GroupName;
import dev.ghostmesh.Identity;
import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.spi.PeerAddress;
import dev.ghostmesh.transport.lan.LanDiscovery;
import dev.ghostmesh.transport.tcp.TcpTransport;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The headless node of the {@link IotGatewayExample}: publishes a sensor reading to a group at
 * a fixed interval and obeys commands sent to it by private message, answering each the same
 * way.
 *
 * <p>Threading: one daemon thread, {@code gateway}, does all the gateway's work: it takes the
 * readings, and is the node's listener executor and the executor of every future's follow-up,
 * so commands and readings never race and no state needs a lock. {@link #start} and
 * {@link #stop} run on the main thread; {@link #requestStop} and {@link #awaitStopped} are
 * callable from any thread (a shutdown hook uses them).
 */
final class IotGateway implements MeshListener {
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    static final Duration MAX_INTERVAL = Duration.ofHours(1);

    /**
     * How the gateway runs.
     *
     * @param home directory of a stable identity, or null for a fresh one per run
     * @param operators the nodes whose commands it obeys; empty: any node's
     */
    record Settings(String name, Path home, String bindAddress, int port,
            List<PeerAddress> connect, boolean lanDiscovery, Duration interval, GroupName group,
            Set<NodeId> operators) {}

    /** Why the gateway stops, and the process exit code that goes with it. */
    record Stop(String reason, int exitCode) {}

    private final Settings settings;
    private final PrintStream out;
    private final ScheduledThreadPoolExecutor thread;
    private final MeshNode node;
    private final SimulatedSensors sensors = new SimulatedSensors();
    private final CompletableFuture<Stop> stopRequest = new CompletableFuture<>();
    private final CompletableFuture<Integer> stopped = new CompletableFuture<>();
    private final long startedNanos = System.nanoTime();
    private Duration interval;
    private ScheduledFuture<?> publishing;

    IotGateway(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.interval = settings.interval();
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
    }

    /** Starts the node, dials the given peers, then enters the group and starts publishing. */
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
        thread.execute(this::enterGroup);
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

    @Override
    public void onMessage(Message message) {
        if (message.kind() == MessageKind.PRIVATE) {
            obey(message);
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

    /** Joins the group if the mesh has it, creates it otherwise, then publishes. */
    private void enterGroup() {
        GroupName group = settings.group();
        boolean known = node.groups().stream().anyMatch(g -> g.name().equals(group));
        CompletableFuture<GroupInfo> entering = known ? node.joinGroup(group)
                : node.createGroup(group).exceptionallyCompose(e ->
                        // Created elsewhere meanwhile (or in a sync that just arrived): join it.
                        cause(e) instanceof GroupException g
                                && g.reason() == GroupException.Reason.ALREADY_EXISTS
                                ? node.joinGroup(group) : CompletableFuture.failedFuture(e));
        entering.whenCompleteAsync((info, error) -> {
            if (error != null) {
                out.println("error: cannot enter #" + group + ": " + cause(error).getMessage());
                requestStop("cannot enter #" + group, 1);
                return;
            }
            out.printf("in #%s (%d member%s); publishing every %s s%n", info.name(),
                    info.memberCount(), info.memberCount() == 1 ? "" : "s", seconds(interval));
            publishEvery(Duration.ZERO);
        }, thread);
    }

    private void publishEvery(Duration firstDelay) {
        if (publishing != null) {
            publishing.cancel(false);
        }
        publishing = thread.scheduleAtFixedRate(this::publish, firstDelay.toMillis(),
                interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void publish() {
        String reading = sensors.read();
        node.sendToGroup(settings.group(), reading).whenCompleteAsync((sent, error) -> {
            if (error == null) {
                out.println("published to #" + settings.group() + ": " + reading);
            } else {
                out.println("error: reading not sent: " + cause(error).getMessage());
            }
        }, thread);
    }

    private void obey(Message command) {
        String who = printable(command.senderName()) + "#" + command.sender().shortHex();
        boolean allowed = settings.operators().isEmpty()
                || settings.operators().contains(command.sender());
        String text = command.text().strip();
        String reply = allowed ? execute(text)
                : "not authorized: this gateway obeys its operators only";
        out.println("command from " + who + ": " + printable(text) + " -> " + reply);
        node.sendPrivate(command.sender(), reply).whenCompleteAsync((sent, error) -> {
            if (error != null) {
                out.println("error: reply to " + who + " not sent: "
                        + cause(error).getMessage());
            }
        }, thread);
        if (allowed && text.equalsIgnoreCase("stop")) {
            // After the reply: close() flushes what the node was handed before it.
            requestStop("stop command from " + who, 0);
        }
    }

    private String execute(String command) {
        String[] words = command.split("\\s+");
        switch (words[0].toLowerCase(Locale.ROOT)) {
            case "status":
                return String.format(Locale.ROOT,
                        "up %d s, %d readings to #%s every %s s, %s",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos),
                        sensors.count(), settings.group(), seconds(interval),
                        peers(node.peers().size()));
            case "set-interval":
                if (words.length != 2) {
                    return "usage: set-interval <seconds>";
                }
                try {
                    interval = parseInterval(words[1]);
                } catch (IllegalArgumentException e) {
                    return "error: " + e.getMessage();
                }
                if (publishing != null) {
                    publishEvery(interval);
                }
                return "interval set to " + seconds(interval) + " s";
            case "stop":
                return words.length == 1 ? "stopping" : "usage: stop";
            default:
                return "unknown command '" + printable(words[0])
                        + "'; commands: status, set-interval <seconds>, stop";
        }
    }

    /**
     * Parses a reading interval in seconds ({@code 2}, {@code 0.5}).
     *
     * @throws IllegalArgumentException with a user-facing message if it is not 0.1-3600 s
     */
    static Duration parseInterval(String seconds) {
        Duration parsed;
        try {
            parsed = Duration.ofMillis(new BigDecimal(seconds).movePointRight(3)
                    .longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("interval must be seconds (up to 3 decimals),"
                    + " not '" + printable(seconds) + "'");
        }
        if (parsed.compareTo(MIN_INTERVAL) < 0 || parsed.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("interval must be 0.1-3600 s, not " + seconds);
        }
        return parsed;
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros()
                .toPlainString();
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
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
