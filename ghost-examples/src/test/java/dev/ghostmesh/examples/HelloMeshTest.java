package dev.ghostmesh.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs {@link HelloMesh} as a real process and checks all it prints. */
class HelloMeshTest {
    @Test
    void carolGetsAlicesBytesThroughBobAndAnswersHerRequest() {
        try (ExampleProcess hello = ExampleProcess.start(HelloMesh.class)) {
            assertEquals(0, hello.awaitExit(), hello.transcript());
            hello.awaitLine("^carol answered: ");
            assertEquals(List.of("carol got: hello, mesh (2 hops)",
                    "carol answered: hi alice"), hello.stdout(), hello.transcript());
            assertEquals(List.of(), hello.stderr(), "no warnings: " + hello.transcript());
        }
    }

    /** The README's figure for its size is the file's. */
    @Test
    void itIsAsLongAsTheReadmeSays() throws Exception {
        long lines = Files.readAllLines(Path.of(
                "src/main/java/dev/ghostmesh/examples/HelloMesh.java")).size();
        String readme = Files.readString(ReadmeBlocks.README);
        assertTrue(readme.contains("`HelloMesh`, " + lines + " lines"),
                "README.md should say `HelloMesh`, " + lines + " lines");
    }
}
