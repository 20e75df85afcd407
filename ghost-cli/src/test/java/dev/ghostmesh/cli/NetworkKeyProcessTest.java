package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --network-key-file} separates meshes: nodes with the same key link and chat, a node
 * with another key (or none) cannot link to them, and says why in one line.
 */
class NetworkKeyProcessTest {
    @RegisterExtension
    final CliProcesses cli = new CliProcesses();

    private Path keyFile(String name, String key) throws IOException {
        return Files.writeString(cli.dir().resolve(name), key + "\n");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void onlyNodesWithTheSameKeyLink() throws IOException {
        Path red = keyFile("red.key", "red-team-7c1f0e2b9a5d4e33");
        Path blue = keyFile("blue.key", "blue-team-0d9e8f7a6b5c4d21");
        int port = freePort();
        CliProcess alice = cli.start("alice", "--port", "" + port, "--network-key-file",
                red.toString());
        alice.awaitLine("* network key set: only nodes with the same key can link to this one");
        // The same key given inline works the same as the file.
        CliProcess bob = cli.start("bob", "--network-key", "red-team-7c1f0e2b9a5d4e33");
        bob.send("/connect 127.0.0.1 " + port);
        bob.awaitLine("* connected to alice (127.0.0.1:" + port + ")");
        bob.send("same key, same mesh");
        alice.awaitLine("<bob> same key, same mesh");

        for (CliProcess outsider : List.of(
                cli.start("mallory", "--network-key-file", blue.toString()),
                cli.start("oscar"))) {
            outsider.send("/connect 127.0.0.1 " + port);
            String line = outsider.awaitLine(0, l -> l.startsWith("error: cannot connect to"),
                    "the refusal");
            assertTrue(line.contains("another network key"), line);
        }
        List<String> peers = alice.run("/peers");
        assertEquals("* peers (1):", peers.get(0), peers::toString);
    }

    @Test
    void aShortOrMissingKeyFileIsAUsageError() throws IOException {
        Path weak = keyFile("weak.key", "password");
        for (String[] args : List.of(new String[] {"--network-key-file", weak.toString()},
                new String[] {"--network-key-file", cli.dir().resolve("absent").toString()},
                new String[] {"--network-key", "password"})) {
            CliProcess p = cli.add(CliProcess.start("bad", cli.home("bad"), args));
            assertEquals(CliOptions.EXIT_USAGE, p.awaitExit(java.time.Duration.ofSeconds(30)));
            String err = p.transcript();
            assertTrue(err.contains("error: ") && err.contains("--network-key"), err);
        }
    }
}
