package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's identity lives in its home: same home, same ID; another home, another ID. */
class IdentityProcessTest {
    @TempDir
    Path tmp;

    private final List<CliProcess> processes = new ArrayList<>();

    @AfterEach
    void destroy() {
        processes.forEach(CliProcess::close);
    }

    private CliProcess start(String name, Path home, String... args) {
        CliProcess p = CliProcess.start(name, home, args);
        processes.add(p);
        return p;
    }

    @Test
    void sameHomeKeepsItsIdAcrossRestartsAndAnotherHomeGetsAnotherId() {
        Path home = tmp.resolve("one");
        CliProcess first = start("first", home, "--port", "0").awaitReady();
        String id = first.id();
        // No --username: the codename is the name.
        String banner = first.awaitLine("* username: ");
        String codename = banner.replaceAll(".*codename ([^)]+)\\).*", "$1");
        assertEquals("* username: " + codename + "  (codename " + codename + ")", banner);
        first.closeStdin(); // end of input is /quit
        assertEquals(0, first.awaitExit(Duration.ofSeconds(5)), first::transcript);

        CliProcess again = start("again", home, "--port", "0", "--username", "twin");
        CliProcess other = start("other", tmp.resolve("two"), "--port", "0", "--username",
                "twin");
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
