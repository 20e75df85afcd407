package dev.ghostmesh.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupName;
import dev.ghostmesh.Message;
import dev.ghostmesh.MessageKind;
import dev.ghostmesh.NodeId;
import dev.ghostmesh.PeerInfo;
import dev.ghostmesh.spi.PeerAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs the gateway as a real process and talks to it from a node over TCP loopback. */
class IotGatewayExampleTest {
    private static final GroupName SENSORS = GroupName.of("sensors");
    private static final Pattern READING =
            Pattern.compile("^seq=(\\d+) temperature=-?\\d+\\.\\dC humidity=\\d+\\.\\d%$");

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        Collections.reverse(cleanup);
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    @Test
    void publishesReadingsAnswersCommandsAndSaysGoodbyeOnSigterm() throws Exception {
        ExampleProcess gateway = gateway();
        int port = port(gateway);
        NodeId gatewayId = NodeId.parse(gateway.awaitLine("^id ([0-9a-f]{32})$").group(1));
        TestNode operator = node("operator");
        PeerInfo peer = operator.node.connect(new PeerAddress("127.0.0.1", port))
                .get(20, TimeUnit.SECONDS);
        assertEquals(gatewayId, peer.id());

        operator.awaitGroupCreated(SENSORS.key());
        operator.node.joinGroup(SENSORS).get(20, TimeUnit.SECONDS);
        List<Message> readings = operator.awaitMessages(0, "3 readings",
                m -> m.kind() == MessageKind.GROUP && m.sender().equals(gatewayId)
                        && m.group().orElseThrow().equals(SENSORS), 3);
        long previous = 0;
        for (Message reading : readings) {
            Matcher m = READING.matcher(reading.text());
            assertTrue(m.matches(), reading.text());
            assertTrue(Long.parseLong(m.group(1)) > previous, "out of order: " + readings);
            previous = Long.parseLong(m.group(1));
            gateway.awaitLine("^published to #sensors: " + Pattern.quote(reading.text()) + "$");
        }

        operator.awaitDiscovered(gatewayId);
        String who = "operator#" + operator.node.id().shortHex();
        assertTrue(command(operator, gatewayId, "status", "up ").matches(
                "up \\d+ s, \\d+ readings to #sensors every 0\\.2 s, 1 peer"));
        gateway.awaitLine("^command from " + who + ": status -> up \\d+ s, ");
        assertEquals("interval set to 0.5 s",
                command(operator, gatewayId, "set-interval 0.5", "interval"));
        assertTrue(command(operator, gatewayId, "status", "up ").contains(" every 0.5 s, "));
        assertEquals("unknown command 'dance'; commands: status, set-interval <seconds>, stop",
                command(operator, gatewayId, "dance", "unknown"));

        // SIGTERM through the handle: Process.destroy() would also close our ends of the
        // pipes, losing what the gateway prints while it stops.
        assertTrue(gateway.process.toHandle().destroy());
        assertEquals(0, gateway.awaitExit(), gateway.transcript());
        gateway.awaitLine("^stopped \\(shutdown signal\\): said goodbye to 1 peer$");
        operator.awaitLeft(gatewayId, "said goodbye");
    }

    @Test
    void obeysOnlyItsOperatorAndStopsOnItsCommand() throws Exception {
        TestNode operator = node("operator");
        TestNode intruder = node("intruder");
        ExampleProcess gateway = gateway("--operator", operator.node.id().hex());
        int port = port(gateway);
        NodeId gatewayId = NodeId.parse(gateway.awaitLine("^id ([0-9a-f]{32})$").group(1));
        for (TestNode n : List.of(operator, intruder)) {
            n.node.connect(new PeerAddress("127.0.0.1", port)).get(20, TimeUnit.SECONDS);
            n.awaitDiscovered(gatewayId);
        }

        assertEquals("not authorized: this gateway obeys its operators only",
                command(intruder, gatewayId, "stop", "not authorized"));
        assertTrue(gateway.process.isAlive(), gateway.transcript());
        assertEquals("stopping", command(operator, gatewayId, "stop", "stopping"));

        assertEquals(0, gateway.awaitExit(), gateway.transcript());
        gateway.awaitLine("^command from intruder#" + intruder.node.id().shortHex()
                + ": stop -> not authorized");
        gateway.awaitLine("^stopped \\(stop command from operator#"
                + operator.node.id().shortHex() + "\\): said goodbye to 2 peers$");
        operator.awaitLeft(gatewayId, "said goodbye");
        intruder.awaitLeft(gatewayId, "said goodbye");
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

    private TestNode node(String name) {
        TestNode n = new TestNode(name);
        cleanup.add(n);
        return n;
    }
}
