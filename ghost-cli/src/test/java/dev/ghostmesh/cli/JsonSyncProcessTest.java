package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JSON mode writes every node and group a new link's catch-up reports, as before, and marks
 * them {@code "sync":true}; what happens afterwards is news, {@code "sync":false}. The chat
 * screen of the same moment shows one summary line instead. Real processes.
 */
class JsonSyncProcessTest {
    @RegisterExtension
    final CliProcesses cli = new CliProcesses();

    @Test
    void catchUpEventsAreMarkedSyncAndLaterOnesAreNews() {
        CliProcess alice = cli.start("alice");
        alice.run("/create Dev");
        CliProcess bob = cli.start("bob", "--connect", "127.0.0.1:" + alice.port());
        bob.awaitLine("* connected to alice");
        JsonClient bot = cli.json("bot", "--connect", "127.0.0.1:" + bob.port());
        String aliceId = alice.id();
        Map<String, Object> old = bot.await("node_joined", o -> aliceId.equals(o.get("id")));
        assertEquals(true, old.get("sync"), old::toString);
        assertEquals(true, bot.await("group_created", o -> "Dev".equals(o.get("group")))
                .get("sync"));
        // The direct peer linking is news in itself.
        String bobId = bob.id();
        assertEquals(false, bot.await("node_joined", o -> bobId.equals(o.get("id")))
                .get("sync"));

        // Long after the catch-up (a JVM's start at least): news.
        CliProcess carol = cli.start("carol", "--connect", "127.0.0.1:" + bob.port());
        String carolId = carol.id();
        assertEquals(false, bot.await("node_joined", o -> carolId.equals(o.get("id")))
                .get("sync"));
        // The same moment on a chat screen: carol got one summary line, alice's and bob's
        // joins and #Dev's creation were not replayed.
        carol.awaitLine("* 4 nodes, 1 group in the mesh");
        assertEquals(List.of(), carol.lines(0, l -> l.contains("created #Dev")
                || l.contains("alice joined the mesh") || l.contains("bot joined the mesh")));
    }
}
