package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Option handling as a user sees it: exit codes and what reaches the screen. */
class OptionsProcessTest {
    @RegisterExtension
    final CliProcesses cli = new CliProcesses();

    /** The CLI with exactly {@code args}: each test gives its own options, {@code --home} too. */
    private CliProcess start(String... args) {
        return cli.add(CliProcess.start("cli", CliProcess.javaCommand(List.of(args))));
    }

    @Test
    void invalidPortIsOneUsageLineAndExitCodeTwo() {
        CliProcess p = start("--home", cli.dir().toString(), "--port", "70000");
        assertEquals(2, p.awaitExit(Duration.ofSeconds(5)));
        String line = p.awaitStderrLine("error: ");
        assertTrue(line.contains("invalid") && line.contains("usage"), line);
        assertEquals(1, p.stderr().size(), p::transcript);
        assertTrue(p.stdout().isEmpty(), p::transcript);
        // Nothing starts before the options are valid: no identity, no log.
        assertTrue(!Files.exists(cli.dir().resolve("identity.key")), "identity created anyway");
    }

    @Test
    void timestampsStartEveryLineAndPipesNeverSeeColour() {
        // No NO_COLOR here (CliProcess removes it): plain output comes from the pipe alone.
        CliProcess p = start("--home", cli.dir().toString(), "--port", "0", "--no-discovery",
                "--timestamps");
        p.awaitLine("Type /help for commands");
        p.send("/nope");
        p.awaitLine("error: unknown command /nope");
        p.send("/quit");
        assertEquals(0, p.awaitExit(Duration.ofSeconds(5)), p::transcript);
        for (String line : p.stdout()) {
            assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d (\\* |error: ).*"), line);
            assertTrue(line.indexOf('\u001b') < 0, line);
        }
    }

    @Test
    void versionPrintsTheProjectVersion() {
        CliProcess p = start("--version");
        assertEquals(0, p.awaitExit(Duration.ofSeconds(5)));
        String line = p.awaitLine("ghost-terminal ");
        assertEquals(VersionProvider.versionLine(), line);
        assertTrue(line.matches("ghost-terminal \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), line);
    }
}
