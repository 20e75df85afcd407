package dev.ghostmesh.examples;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.transport.tcp.TcpTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An IoT gateway: a headless node that publishes (simulated) sensor readings as 12-byte binary
 * payloads on {@code sensors/<name>/temperature} and {@code sensors/<name>/humidity}, and
 * answers requests on {@code gateway/status}, {@code gateway/set-interval},
 * {@code gateway/stop} and {@code gateway/next-reading} ({@link IotClientExample} asks them),
 * and the same commands sent as chat by private message ({@code /msg gateway status} from
 * {@code ghost-terminal}). SIGTERM (or Ctrl-C) makes it say goodbye to the mesh and exit 0.
 * Run it with
 * {@code mvn -q -pl ghost-examples -am package -DskipTests exec:java
 * -Dexec.mainClass=dev.ghostmesh.examples.IotGatewayExample -Dexec.args="--port 6670"}
 * (see README.md).
 *
 * <p>Options: {@code --name NAME} (default {@code gateway}), {@code --port N} (default 6666;
 * 0 for any free port), {@code --bind ADDRESS} (default {@code 0.0.0.0}),
 * {@code --connect HOST[:PORT]} (repeatable), {@code --no-lan} (no LAN discovery),
 * {@code --interval SECONDS} (default 5),
 * {@code --operator ID} (repeatable: obey only these nodes; default: any node),
 * {@code --home DIR} (keep a stable identity there).
 *
 * <p>Threading: {@code main} starts the gateway, then waits until something asks it to stop
 * (a {@code stop} command, or the shutdown hook on a signal) and stops it; the gateway's own
 * thread does everything in between (see {@link IotGateway}).
 */
public final class IotGatewayExample {
    private static final Set<String> OPTIONS = Set.of("--name", "--port", "--bind", "--connect",
            "--interval", "--operator", "--home");
    private static final Set<String> FLAGS = Set.of("--no-lan");

    private IotGatewayExample() {}

    /** Runs the gateway until a {@code stop} command or a shutdown signal. */
    public static void main(String[] args) {
        IotGateway.Settings settings;
        try {
            settings = settings(ExampleArgs.parse(args, OPTIONS, FLAGS));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        IotGateway gateway;
        try {
            gateway = new IotGateway(settings, System.out);
            gateway.start();
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        Thread hook = new Thread(() -> {
            gateway.requestStop("shutdown signal", 0);
            // Let main finish the goodbye, then exit with its code: left alone, the JVM would
            // report 143 (128 + SIGTERM) for a stop it was asked for and carried out cleanly.
            Runtime.getRuntime().halt(gateway.awaitStopped(Duration.ofSeconds(5)));
        }, "gateway-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int exitCode = gateway.stop(gateway.awaitStopRequest());
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return; // a signal arrived: the hook exits with our code
        }
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    static IotGateway.Settings settings(ExampleArgs options) {
        String home = options.text("--home", null);
        List<PeerAddress> connect = options.all("--connect").stream()
                .map(TcpTransport::parseAddress).toList();
        Set<NodeId> operators = options.all("--operator").stream().map(NodeId::parse)
                .collect(Collectors.toUnmodifiableSet());
        String name = options.text("--name", "gateway");
        SensorReading.topic(name, SensorReading.Quantity.TEMPERATURE); // fails fast if unfit
        return new IotGateway.Settings(name,
                home == null ? null : Path.of(home),
                options.text("--bind", "0.0.0.0"),
                options.integer("--port", TcpTransport.DEFAULT_PORT, 0, 65535),
                connect, !options.flag("--no-lan"),
                Intervals.parse(options.text("--interval", "5")), operators);
    }
}
