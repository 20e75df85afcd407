package dev.ghostmesh.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupName;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The chat's reserved topics and its text encoding (PROTOCOL.md, "Topics"). */
class ChatTopicsTest {
    @Test
    void aGroupTopicIsTheHashOfTheNormalizedNameWhateverTheSpelling() {
        // SHA-256("ghost-terminal group topic v1" || 0x00 || "dev")[0..16], computed apart.
        String dev = "ghost/group/d951f6e078ec396638d8fe1270922aa2";
        assertEquals(dev, ChatTopics.group(GroupName.of("Dev")));
        assertEquals(dev, ChatTopics.group(GroupName.of("ＤＥＶ")), "NFKC, then lower case");
        assertNotEquals(dev, ChatTopics.group(GroupName.of("ops")));
        String greek = ChatTopics.group(GroupName.of("Ομάδα"));
        assertTrue(greek.matches("ghost/group/[0-9a-f]{32}"), greek);
        assertNull(TopicNames.problem(greek), "a valid topic for any group name");
        assertTrue(TopicNames.reserved(greek) && TopicNames.reserved(ChatTopics.CHAT));
    }

    @Test
    void chatTextIsStrictUtf8UnderTheTextRules() throws Exception {
        assertEquals("héllo ✓ 👋", ChatTopics.text(ChatTopics.payload("héllo ✓ 👋")));
        byte[] longest = new byte[TextRules.MAX_TEXT_BYTES];
        Arrays.fill(longest, (byte) 'a');
        assertEquals(TextRules.MAX_TEXT_BYTES, ChatTopics.text(longest).length());
        byte[] tooLong = Arrays.copyOf(longest, longest.length + 1);
        tooLong[longest.length] = 'a';
        HexFormat hex = HexFormat.of();
        for (byte[] bad : new byte[][] {tooLong, new byte[0], hex.parseHex("c328"),
                hex.parseHex("c0af"), hex.parseHex("eda080"), hex.parseHex("f4908080")}) {
            assertThrows(PacketDecodeException.class, () -> ChatTopics.text(bad),
                    hex.formatHex(bad, 0, Math.min(bad.length, 4)));
        }
    }
}
