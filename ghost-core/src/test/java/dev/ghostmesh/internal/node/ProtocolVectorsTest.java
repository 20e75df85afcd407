package dev.ghostmesh.internal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.internal.crypto.Signatures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md publishes hex test vectors in a {@code vectors} block; this recomputes every one
 * with the code on the wire. If the code changes a byte, or the document does, this fails.
 */
class ProtocolVectorsTest {
    static Map<String, String> published() throws Exception {
        Path doc = Path.of("..", "PROTOCOL.md");
        List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
        Map<String, String> out = new LinkedHashMap<>();
        boolean inBlock = false;
        for (String line : lines) {
            if (line.equals("```vectors")) {
                inBlock = true;
            } else if (inBlock && line.equals("```")) {
                inBlock = false;
            } else if (inBlock && !line.isBlank()) {
                int eq = line.indexOf(" = ");
                assertTrue(eq > 0, "not 'name = hex': " + line);
                out.put(line.substring(0, eq).strip(), line.substring(eq + 3).strip());
            }
        }
        return out;
    }

    @Test
    void everyPublishedVectorMatchesTheCodeAndNoneIsMissing() throws Exception {
        Map<String, String> computed = ProtocolVectors.compute();
        Map<String, String> doc = published();
        assertEquals(computed.keySet(), doc.keySet(),
                "PROTOCOL.md must list exactly the vectors the code computes; regenerate with"
                        + " ProtocolVectors.main");
        computed.forEach((name, hex) -> assertEquals(hex, doc.get(name), name));
    }

    @Test
    void theSignedBytesAreTheFrameWithoutItsArrayHeaderSignatureAndTtlAsDocumented()
            throws Exception {
        // PROTOCOL.md: signed = frame[1..len-67] for a fixint ttl; the key is at 41..73.
        int checked = 0;
        for (Map.Entry<String, String> e : published().entrySet()) {
            String name = e.getKey();
            if (!name.endsWith("envelope") && !name.startsWith("envelope.")
                    || name.startsWith("open.")) {
                continue;
            }
            byte[] f = HexFormat.of().parseHex(e.getValue());
            int signedEnd = f.length - 67;
            assertTrue(Signatures.verify(f, 41, f, signedEnd + 2, f, 1, signedEnd - 1), e.getKey());
            assertFalse(Signatures.verify(f, 41, f, signedEnd + 2, f, 0, signedEnd), e.getKey()
                    + ": the array header is not signed");
            checked++;
        }
        assertEquals(12, checked, "every signed envelope vector");
    }

    @Test
    void theVectorsChangeWhenTheInputsDo() throws Exception {
        // Guards against a generator that ignores its inputs: two identities, two of everything.
        Map<String, String> v = ProtocolVectors.compute();
        assertTrue(!v.get("alice.node_id").equals(v.get("bob.node_id")));
        assertTrue(!v.get("handshake.alice_payload").equals(v.get("handshake.bob_payload")));
        assertEquals(v, ProtocolVectors.compute(), "vectors must be deterministic");
    }
}
