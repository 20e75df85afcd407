package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaletteTest {
    @Test
    void colourOnlyOnATerminalThatNobodyRefused() {
        assertSame(Palette.ANSI, Palette.choose(true, false, Map.of()));
        assertSame(Palette.NONE, Palette.choose(false, false, Map.of()));
        assertSame(Palette.NONE, Palette.choose(true, true, Map.of()));
        assertSame(Palette.NONE, Palette.choose(true, false, Map.of("NO_COLOR", "1")));
        // no-color.org: an empty NO_COLOR does not count.
        assertSame(Palette.ANSI, Palette.choose(true, false, Map.of("NO_COLOR", "")));
    }

    @Test
    void noneAddsNothing() {
        Palette p = Palette.NONE;
        assertEquals("bob", p.sender("bob", false));
        assertEquals("me", p.sender("me", true));
        assertEquals("[private]", p.privateTag("[private]"));
        assertEquals("[#Dev]", p.groupTag("[#Dev]"));
        assertEquals("* x", p.system("* x"));
        assertEquals("error: x", p.error("error: x"));
        assertEquals("12:00:00", p.timestamp("12:00:00"));
    }

    @Test
    void eachKindHasItsStyleAndEveryStyleEndsWithAReset() {
        Palette p = Palette.ANSI;
        assertEquals("\u001b[1mme\u001b[0m", p.sender("me", true));
        assertEquals("\u001b[35m[private]\u001b[0m", p.privateTag("[private]"));
        assertEquals("\u001b[36m[#Dev]\u001b[0m", p.groupTag("[#Dev]"));
        assertEquals("\u001b[90m* x\u001b[0m", p.system("* x"));
        assertEquals("\u001b[31merror: x\u001b[0m", p.error("error: x"));
    }

    @Test
    void aSenderAlwaysGetsTheSameColourAndSendersSpreadOverThePalette() {
        Palette p = Palette.ANSI;
        assertEquals(p.sender("bob", false), p.sender("bob", false));
        Set<String> used = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            String styled = p.sender("user" + i, false);
            String code = styled.substring(2, styled.indexOf('m'));
            assertTrue(Palette.SENDER_COLOURS.contains(code), styled);
            used.add(code);
        }
        assertEquals(Set.copyOf(Palette.SENDER_COLOURS), used);
        assertNotEquals(p.sender("bob", false), p.sender("bob", true));
    }

    @Test
    void senderColoursStayClearOfTheColoursWithAMeaning() {
        for (String reserved : List.of("31", "35", "36", "90", "1")) {
            assertFalse(Palette.SENDER_COLOURS.contains(reserved), reserved);
        }
    }
}
