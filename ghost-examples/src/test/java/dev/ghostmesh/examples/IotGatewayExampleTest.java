package dev.ghostmesh.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Delivery;
import dev.ghostmesh.MeshException;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NoHandlerException;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.PeerInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the gateway as a real process and talks to it over TCP loopback: from a node in this
 * JVM through {@link IotClient} and chat, and from {@link IotClientExample} run as a process.
 */
class IotGatewayExampleTest {
    private static final String TEMPERATURE = "sensors/gw-test/temperature";
    private static final String HUMIDITY = "sensors/gw-test/humidity";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        Collections.reverse(cleanup);
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    @Test
    void publishesBinaryReadingsAnswersRequestsAndSaysGoodbyeOnSigterm() throws Exception {
        ExampleProcess gateway = gateway();
        int port = port(gateway);
        NodeId gatewayId = NodeId.parse(gateway.awaitLine("^id ([0-9a-f]{32})$").group(1));
        TestNode operator = node("operator");
        operator.subscribe(TEMPERATURE);
        operator.subscribe(HUMIDITY);
        PeerInfo peer = operator.node.connect(PeerAddress.tcp("127.0.0.1", port))
                .get(20, TimeUnit.SECONDS);
        assertEquals(gatewayId, peer.id());

        long last = assertReadings(gateway, operator.awaitDeliveries(TEMPERATURE, 3),
                gatewayId, TEMPERATURE, "temperature ", -20, 50);
        assertReadings(gateway, operator.awaitDeliveries(HUMIDITY, 3), gatewayId, HUMIDITY,
                "temperature -?\\d+\\.\\d C, humidity ", 5, 95);

        IotClient client = new IotClient(operator.node, gatewayId, TIMEOUT);
        String who = "operator#" + operator.node.id().shortHex();
        String status = get(client.status());
        assertTrue(status.matches("up \\d+ s, \\d+ readings every 0\\.2 s, \\d subscribers?,"
                + " 1 peer"), status);
        gateway.awaitLine("^request from " + who + ": status -> up \\d+ s, ");
        assertEquals("interval set to 0.5 s", get(client.setInterval(Duration.ofMillis(500))));
        assertTrue(get(client.status()).contains(" every 0.5 s, "));

        // Three distinct failures: a refusal with the gateway's reason, ...
        Throwable refused = failure(client.setInterval(Duration.ofMillis(50)));
        assertEquals(MeshException.class, refused.getClass(), refused.toString());
        assertTrue(refused.getMessage().endsWith(
                "gateway/set-interval failed: interval must be 0.1-3600 s, not 0.05 s"),
                refused.getMessage());
        gateway.awaitLine("^request from " + who + ": set-interval -> refused: interval must");
        // ... no handler for the topic, ...
        Throwable none = failure(client.request("gateway/reboot", new byte[0], TIMEOUT));
        assertInstanceOf(NoHandlerException.class, none);
        assertTrue(none.getMessage().endsWith("has no handler for requests on gateway/reboot"),
                none.getMessage());
        // ... and no answer in time: the next reading is an hour away.
        assertEquals("interval set to 3600 s", get(client.setInterval(Duration.ofHours(1))));
        assertInstanceOf(TimeoutException.class,
                failure(client.nextReading(Duration.ofMillis(500))));
        // The asynchronous answer does come once there is a reading to give.
        CompletableFuture<SensorReading> next = client.nextReading(TIMEOUT);
        assertEquals("interval set to 0.2 s", get(client.setInterval(Duration.ofMillis(200))));
        assertTrue(get(next).seq() > last, "a reading after seq " + last);

        // The chat path: ghost-terminal's "/msg gw-test status".
        assertTrue(command(operator, gatewayId, "status", "up ").contains(" every 0.2 s, "));
        gateway.awaitLine("^command from " + who + ": status -> up \\d+ s, ");

        // SIGTERM through the handle: Process.destroy() would also close our ends of the
        // pipes, losing what the gateway prints while it stops.
        assertTrue(gateway.process.toHandle().destroy());
        assertEquals(0, gateway.awaitExit(), gateway.transcript());
        gateway.awaitLine("^stopped \\(shutdown signal\\): said goodbye to 1 peer$");
        operator.awaitLeft(gatewayId, "said goodbye");
    }

    @Test
    void obeysOnlyItsOperatorAndStopsOnItsRequest() throws Exception {
        TestNode operator = node("operator");
        TestNode intruder = node("intruder");
        ExampleProcess gateway = gateway("--operator", operator.node.id().hex());
        int port = port(gateway);
        NodeId gatewayId = NodeId.parse(gateway.awaitLine("^id ([0-9a-f]{32})$").group(1));
        for (TestNode n : List.of(operator, intruder)) {
            n.node.connect(PeerAddress.tcp("127.0.0.1", port)).get(20, TimeUnit.SECONDS);
            n.awaitDiscovered(gatewayId);
        }

        Throwable refused = failure(new IotClient(intruder.node, gatewayId, TIMEOUT).stop());
        assertEquals(MeshException.class, refused.getClass(), refused.toString());
        assertTrue(refused.getMessage().endsWith(GatewayCommands.NOT_AUTHORIZED),
                refused.getMessage());
        assertEquals(GatewayCommands.NOT_AUTHORIZED,
                command(intruder, gatewayId, "stop", "not authorized"));
        assertTrue(gateway.process.isAlive(), gateway.transcript());
        assertEquals("stopping", get(new IotClient(operator.node, gatewayId, TIMEOUT).stop()));

        assertEquals(0, gateway.awaitExit(), gateway.transcript());
        String intruderId = intruder.node.id().shortHex();
        gateway.awaitLine("^request from intruder#" + intruderId + ": stop -> refused: not");
        gateway.awaitLine("^command from intruder#" + intruderId + ": stop -> not authorized");
        gateway.awaitLine("^stopped \\(stop request from operator#"
                + operator.node.id().shortHex() + "\\): said goodbye to 2 peers$");
        operator.awaitLeft(gatewayId, "said goodbye");
        intruder.awaitLeft(gatewayId, "said goodbye");
    }

    @Test
    void theClientExampleAsksFollowsAndStopsTheGateway() {
        ExampleProcess gateway = gateway();
        String connect = "127.0.0.1:" + port(gateway);

        ExampleProcess status = client("--connect", connect, "--gateway", "gw-test", "status");
        assertEquals(0, status.awaitExit(), status.transcript());
        status.awaitLine("^gw-test#[0-9a-f]{8}: up \\d+ s, \\d+ readings every 0\\.2 s, ");

        ExampleProcess watch = client("--connect", connect, "--gateway", "gw-test", "watch",
                "4");
        assertEquals(0, watch.awaitExit(), watch.transcript());
        watch.awaitLine("^sensors/gw-test/temperature seq=\\d+ -?\\d+\\.\\d C"
                + " \\(12 bytes, 1 hop\\)$");
        watch.awaitLine("^sensors/gw-test/humidity seq=\\d+ \\d+\\.\\d %"
                + " \\(12 bytes, 1 hop\\)$");
        watch.awaitLine("^gw-test#[0-9a-f]{8}: watched 4 readings$");

        ExampleProcess next = client("--connect", connect, "--gateway", "gw-test",
                "--timeout", "2", "next-reading");
        assertEquals(0, next.awaitExit(), next.transcript());
        next.awaitLine("^gw-test#[0-9a-f]{8}: seq=\\d+ -?\\d+\\.\\d C$");

        ExampleProcess stop = client("--connect", connect, "--gateway", "gw-test", "stop");
        assertEquals(0, stop.awaitExit(), stop.transcript());
        stop.awaitLine("^gw-test#[0-9a-f]{8}: stopping$");
        assertEquals(0, gateway.awaitExit(), gateway.transcript());
        gateway.awaitLine("^stopped \\(stop request from operator#[0-9a-f]{8}\\): said goodbye"
                + " to 1 peer$");
    }

    /**
     * Each delivery is a 12-byte reading on {@code topic} from the gateway, keyed and
     * expiring, in order, within {@code min..max}, and the gateway printed it as published
     * ({@code printed} is the line's part before the value). Returns the last sequence number.
     */
    private static long assertReadings(ExampleProcess gateway, List<Delivery> deliveries,
            NodeId gatewayId, String topic, String printed, double min, double max) {
        long previous = 0;
        for (Delivery d : deliveries) {
            assertEquals(gatewayId, d.sender());
            assertEquals(SensorReading.SIZE, d.size());
            assertEquals(Optional.of(topic), d.latestKey());
            assertTrue(d.expiresAt().isPresent(), "a reading expires");
            SensorReading r = SensorReading.decode(d.payload());
            assertTrue(r.seq() > previous, "out of order: " + deliveries);
            assertTrue(r.value() >= min && r.value() <= max, r.toString());
            previous = r.seq();
            gateway.awaitLine("^published seq=" + r.seq() + ": " + printed
                    + Pattern.quote(String.format(Locale.ROOT, "%.1f", r.value())) + " ");
        }
        return previous;
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    }

    /** The exception {@code future} fails with (not wrapped). */
    private static Throwable failure(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(future));
        return e.getCause();
    }

    /** Sends {@code command} privately and returns the reply that starts with {@code prefix}. */
    private static String command(TestNode from, NodeId gateway, String command, String prefix)
            throws Exception {
        int mark = from.mark();
        from.node.sendPrivate(gateway, command).get(20, TimeUnit.SECONDS);
        Predicate<Message> reply = m -> m.kind() == MessageKind.PRIVATE
                && m.sender().equals(gateway) && m.text().startsWith(prefix);
        return from.awaitMessages(mark, "a reply to '" + command + "'", reply, 1).get(0).text();
    }

    private ExampleProcess gateway(String... extra) {
        List<String> args = new ArrayList<>(List.of("--name", "gw-test", "--bind", "127.0.0.1",
                "--port", "0", "--no-lan", "--interval", "0.2"));
        args.addAll(List.of(extra));
        ExampleProcess p = ExampleProcess.start(IotGatewayExample.class,
                args.toArray(String[]::new));
        cleanup.add(p);
        return p;
    }

    private static int port(ExampleProcess gateway) {
        return Integer.parseInt(gateway.awaitLine(
                "^gateway gw-test#[0-9a-f]{8} listening on port (\\d+) \\(LAN discovery off\\)$")
                .group(1));
    }

    private ExampleProcess client(String... args) {
        ExampleProcess p = ExampleProcess.start(IotClientExample.class, args);
        cleanup.add(p);
        return p;
    }

    private TestNode node(String name) {
        TestNode n = new TestNode(name);
        cleanup.add(n);
        return n;
    }
}
