package dev.ghostmesh.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LocalMeshExampleTest {
    @Test
    void broadcastCrossesTheWholeChain() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LocalMeshExample.run(6, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("node-5 received \"hello from the head of the chain\" from node-0 after 5 hops",
                bytes.toString(StandardCharsets.UTF_8).strip());
    }
}
