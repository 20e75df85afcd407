package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.local.LocalNetwork;
import dev.ghostmesh.local.LocalTransport;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the chat and JSON views show a node no link leads to any more (alice disconnected from
 * bob, who is known until he is forgotten): {@code unreachable} in /nodes, /whois and /status,
 * and {@code "hops":0,"reachable":false} without a {@code via} in JSON, never "direct".
 */
class UnreachableNodeViewTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final LocalNetwork net = LocalNetwork.create();
    private final List<String> screen = new ArrayList<>();
    private MeshNode alice;
    private MeshNode bob;

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
        net.close();
    }

    @Test
    void aDisconnectedNodeShowsAsUnreachableInEveryView() throws Exception {
        alice = MeshNode.builder().username("alice").transport(net.transport("alice"))
                .autoConnect(false).build();
        bob = MeshNode.builder().username("bob").transport(net.transport("bob"))
                .autoConnect(false).build();
        alice.start();
        bob.start();
        bob.connect(PeerAddress.local("alice")).get(5, TimeUnit.SECONDS);
        await(() -> alice.nodes().size() == 1 && alice.nodes().get(0).direct(), "bob direct");
        alice.disconnectAndBlock(bob.id()).get(5, TimeUnit.SECONDS);
        await(() -> !alice.nodes().get(0).reachable(), "bob unreachable");

        CommandHandler commands = new CommandHandler(alice, new ChatView(alice,
                new ListConsole(screen)));
        String bobLabel = "bob#" + bob.id().shortHex();
        List<String> nodes = run(commands, "/nodes");
        assertEquals(1, nodes.size(), nodes::toString);
        assertTrue(nodes.get(0).matches("\\* " + bobLabel + "  unreachable  seen \\d+s ago"),
                nodes::toString);
        assertTrue(run(commands, "/whois bob").contains(
                "*   reached: unreachable (no link leads to it now)"), screen::toString);
        assertTrue(run(commands, "/status").stream().anyMatch(l -> l.startsWith("*   " + bobLabel)
                && l.endsWith("  unreachable")), screen::toString);

        StringWriter json = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(json)) {
            g.writeStartObject();
            g.writeStringField("type", "ok"); // what JsonClient.parse checks every line for
            g.writeStringField("time", "2026-01-01T00:00:00.000Z");
            new JsonViews(alice, null).nodes(g);
            g.writeEndObject();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> node = ((List<Map<String, Object>>) JsonClient.parse(json.toString())
                .get("nodes")).get(0);
        assertEquals(0L, node.get("hops"));
        assertEquals(false, node.get("reachable"));
        assertFalse(node.containsKey("via"), node::toString);
        NodeInfo info = alice.nodes().get(0);
        assertFalse(info.direct(), info::toString);
    }

    private List<String> run(CommandHandler commands, String input) {
        synchronized (screen) {
            screen.clear();
        }
        commands.handle(input);
        synchronized (screen) {
            return List.copyOf(screen);
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("no " + what + " within " + WAIT);
            }
            LockSupport.parkNanos(5_000_000); // the poll's interval, not a wait for an outcome
        }
    }
}
