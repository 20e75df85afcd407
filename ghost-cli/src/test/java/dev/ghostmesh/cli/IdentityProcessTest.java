package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The node's identity lives in its home: same home, same ID; another home, another ID. */
class IdentityProcessTest {
    @RegisterExtension
    final CliProcesses cli = new CliProcesses();

    @Test
    void sameHomeKeepsItsIdAcrossRestartsAndAnotherHomeGetsAnotherId() {
        Path home = cli.home("one");
        CliProcess first = cli.add(CliProcess.start("first", home, "--port", "0")).awaitReady();
        String id = first.id();
        // No --username: the codename is the name.
        String banner = first.awaitLine("* username: ");
        String codename = banner.replaceAll(".*codename ([^)]+)\\).*", "$1");
        assertEquals("* username: " + codename + "  (codename " + codename + ")", banner);
        first.closeStdin(); // end of input is /quit
        assertEquals(0, first.awaitExit(Duration.ofSeconds(5)), first::transcript);

        CliProcess again = cli.add(CliProcess.start("again", home, "--port", "0", "--username",
                "twin"));
        CliProcess other = cli.add(CliProcess.start("other", cli.home("two"), "--port", "0",
                "--username", "twin"));
        assertEquals(id, again.awaitReady().id());
        assertEquals(codename, again.awaitLine("* username: ")
                .replaceAll(".*codename ([^)]+)\\).*", "$1"));
        assertNotEquals(id, other.awaitReady().id());

        // Two nodes named alike are told apart by their id prefix.
        other.send("/connect 127.0.0.1 " + again.port());
        again.awaitLine("* connected to twin#" + other.id().substring(0, 8));
        again.send("hi twin");
        other.awaitLine("<twin#" + id.substring(0, 8) + "> hi twin");
        // Our own echo follows the same rule: the name is shared, so it carries our id prefix.
        again.awaitLine("<twin#" + id.substring(0, 8) + "> hi twin");

        // SIGTERM closes the node cleanly too: its peer hears the goodbye.
        other.process.destroy();
        again.awaitLine("* twin#" + other.id().substring(0, 8) + " left the mesh");
    }
}
