package dev.ghostmesh.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md publishes the two codename word lists (a node drops an ANNOUNCE whose codename is
 * not the one derived from its origin, so another implementation needs them word for word).
 * This reads them out of the document and compares them with the code's, so neither can change
 * alone.
 */
class CodenameListsTest {
    /** The words of the fenced block {@code ```codenames-<name>}, rows "index word...". */
    static List<String> published(String name) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "PROTOCOL.md"),
                StandardCharsets.UTF_8);
        List<String> words = new ArrayList<>();
        int start = lines.indexOf("```codenames-" + name);
        assertTrue(start >= 0, "PROTOCOL.md has no codenames-" + name + " block");
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.equals("```")) {
                return words;
            }
            String[] cells = line.strip().split(" +");
            // The leading index lets a reader find word n without counting; it must be right.
            assertEquals(words.size(), Integer.parseInt(cells[0]), "row index in: " + line);
            words.addAll(List.of(cells).subList(1, cells.length));
        }
        throw new AssertionError("unterminated codenames-" + name + " block");
    }

    @Test
    void theDocumentListsExactlyTheCodesAdjectivesInOrder() throws Exception {
        assertEquals(Codenames.adjectives(), published("adjectives"));
    }

    @Test
    void theDocumentListsExactlyTheCodesNounsInOrder() throws Exception {
        assertEquals(Codenames.nouns(), published("nouns"));
    }

    @Test
    void aCodenameIsTheAdjectiveAndNounTheIdsFirstTwoBytesSelect() throws Exception {
        // The high bit of each byte is ignored: 0x80|5 and 5 pick the same word.
        byte[] id = {(byte) 0x85, 0x7f};
        assertEquals(published("adjectives").get(5) + "-" + published("nouns").get(127),
                Codenames.of(id));
    }
}
