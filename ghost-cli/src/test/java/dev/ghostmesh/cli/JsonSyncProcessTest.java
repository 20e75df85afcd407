package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON mode writes every node and group a new link's catch-up reports, as before, and marks
 * them {@code "sync":true}; what happens afterwards is news, {@code "sync":false}. The chat
 * screen of the same moment shows one summary line instead. Real processes.
 */
class JsonSyncProcessTest {
    @TempDir
    Path tmp;

    private final List<AutoCloseable> all = new ArrayList<>();

    @AfterEach
    void destroy() throws Exception {
        for (AutoCloseable c : all) {
            c.close();
        }
    }

    private CliProcess text(String name, String... args) {
        CliProcess p = CliProcess.start(name, tmp.resolve(name), args).awaitReady();
        all.add(p);
        return p;
    }

    @Test
    void catchUpEventsAreMarkedSyncAndLaterOnesAreNews() {
        CliProcess alice = text("alice", "--username", "alice", "--port", "0");
        alice.run("/create Dev");
        CliProcess bob = text("bob", "--username", "bob", "--port", "0",
                "--connect", "127.0.0.1:" + alice.port());
        bob.awaitLine("* connected to alice");
        JsonClient bot = JsonClient.start("bot", tmp.resolve("bot"), "--username", "bot",
                "--port", "0", "--connect", "127.0.0.1:" + bob.port());
        all.add(bot);
        bot.ready();
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
        CliProcess carol = text("carol", "--username", "carol", "--port", "0",
                "--connect", "127.0.0.1:" + bob.port());
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
