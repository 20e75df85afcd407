package dev.ghostmesh.examples;

import dev.ghostmesh.MeshListener;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.transport.tcp.TcpTransport;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The operator of an {@link IotGatewayExample}: a node that dials the mesh, waits until it
 * knows the gateway, and runs one command through {@link IotClient}, printing the answer:
 * {@code status}, {@code set-interval SECONDS}, {@code stop}, {@code next-reading}; or
 * {@code watch N}, which subscribes to the gateway's reading topics and prints N readings.
 * Run it with
 * {@code mvn -q -pl ghost-examples -am package -DskipTests exec:java
 * -Dexec.mainClass=dev.ghostmesh.examples.IotClientExample
 * -Dexec.args="--connect localhost:6670 status"} (see README.md). Options: {@code --connect
 * HOST[:PORT]} (repeatable, at least one), {@code --gateway NAME} (default {@code gateway}),
 * {@code --name NAME} (default {@code operator}), {@code --timeout SECONDS} (default 5).
 * Exits 0 with an answer, 1 with {@code error: ...} if there was none, 2 on bad arguments.
 *
 * <p>Threading: {@code main} waits on futures that complete on the node's callback thread,
 * which also prints the readings of {@code watch}.
 */
public final class IotClientExample {
    private static final Set<String> OPTIONS =
            Set.of("--connect", "--gateway", "--name", "--timeout");
    private static final Duration FIND_GATEWAY = Duration.ofSeconds(20);

    private IotClientExample() {}

    /** Runs one command against the gateway and exits. */
    public static void main(String[] args) throws InterruptedException {
        int split = 0;
        while (split < args.length && args[split].startsWith("--")) {
            split += 2; // every option takes a value
        }
        List<String> command = Arrays.asList(args).subList(Math.min(split, args.length),
                args.length);
        ExampleArgs options;
        Duration timeout;
        try {
            options = ExampleArgs.parse(Arrays.copyOf(args, Math.min(split, args.length)),
                    OPTIONS, Set.of());
            timeout = Intervals.parse(options.text("--timeout", "5"));
            if (options.all("--connect").isEmpty() || command.isEmpty()) {
                throw new IllegalArgumentException("usage: --connect HOST[:PORT] [--gateway"
                        + " NAME] status | set-interval SECONDS | stop | next-reading | watch N");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        String gatewayName = options.text("--gateway", "gateway");
        try (MeshNode node = MeshNode.builder().username(options.text("--name", "operator"))
                .autoConnect(false) // one command, then gone: no links beyond the one dialed
                .transport(TcpTransport.builder().bindAddress("127.0.0.1").port(0).build())
                .build()) {
            CountDownLatch readings = new CountDownLatch(
                    command.get(0).equals("watch") && command.size() == 2
                            ? Integer.parseInt(command.get(1)) : 0);
            if (readings.getCount() > 0) {
                for (SensorReading.Quantity q : SensorReading.Quantity.values()) {
                    // Before start(): the first announce tells the mesh who listens.
                    node.subscribe(SensorReading.topic(gatewayName, q), d -> {
                        SensorReading r = SensorReading.decode(d.payload());
                        System.out.printf("%s %s (%d bytes, %d hop%s)%n", d.topic(),
                                r.format(q), d.size(), d.hops(), d.hops() == 1 ? "" : "s");
                        readings.countDown();
                    });
                }
            }
            NodeId gateway = find(node, gatewayName, options.all("--connect"));
            String label = gatewayName + "#" + gateway.shortHex();
            IotClient client = new IotClient(node, gateway, timeout);
            String answer = switch (command.get(0) + "/" + command.size()) {
                case "status/1" -> client.status().get();
                case "set-interval/2" -> client.setInterval(
                        Intervals.parse(command.get(1))).get();
                case "stop/1" -> client.stop().get();
                case "next-reading/1" -> client.nextReading(timeout).get()
                        .format(SensorReading.Quantity.TEMPERATURE);
                case "watch/2" -> readings.await(FIND_GATEWAY.toSeconds(), TimeUnit.SECONDS)
                        ? "watched " + command.get(1) + " readings" : "error: readings stopped";
                default -> throw new IllegalArgumentException("unknown command "
                        + String.join(" ", command));
            };
            System.out.println(label + ": " + answer);
        } catch (ExecutionException e) {
            // NoHandlerException, a refusal (MeshException) or TimeoutException: say which.
            System.out.println("error: " + e.getCause().getClass().getSimpleName() + ": "
                    + e.getCause().getMessage());
            System.exit(1);
        } catch (TimeoutException | IllegalArgumentException e) {
            System.out.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Dials {@code addresses} and waits until the mesh tells of a node named {@code name}. */
    private static NodeId find(MeshNode node, String name, List<String> addresses)
            throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<NodeId> found = new CompletableFuture<>();
        node.addListener(new MeshListener() {
            @Override
            public void onNodeDiscovered(NodeInfo other) {
                if (other.username().equals(name)) {
                    found.complete(other.id());
                }
            }
        });
        node.start();
        for (String address : addresses) {
            node.connect(TcpTransport.parseAddress(address));
        }
        try {
            return found.get(FIND_GATEWAY.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("no node named " + name + " within "
                    + FIND_GATEWAY.toSeconds() + " s");
        }
    }
}
