package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SanitizerTest {
    @Test
    void plainTextIsReturnedUnchanged() {
        String text = "hello, world! \\u001b stays literal; ümlaut 日本語 emoji \uD83D\uDE00";
        assertSame(text, Sanitizer.clean(text));
    }

    @Test
    void nullBecomesEmpty() {
        assertEquals("", Sanitizer.clean(null));
    }

    @Test
    void escapeSequencesAreShownNotExecuted() {
        assertEquals("\\u001b[2J\\u001b[31mred", Sanitizer.clean("\u001b[2J\u001b[31mred"));
    }

    @Test
    void carriageReturnBellBackspaceNewlineAndTabAreEscaped() {
        assertEquals("a\\u000db\\u0007c\\u0008d\\u000ae\\u0009f",
                Sanitizer.clean("a\rb\u0007c\bd\ne\tf"));
    }

    @Test
    void delAndC1ControlsAreEscaped() {
        assertEquals("\\u007f\\u0080\\u0085\\u009b\\u009f", Sanitizer.clean("\u007f\u0080\u0085\u009b\u009f"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
            0x200e, 0x200f, 0x061c})
    void bidiControlsAreEscaped(int cp) {
        String s = "x" + Character.toString(cp) + "y";
        assertEquals(String.format("x\\u%04xy", cp), Sanitizer.clean(s));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x180e, 0x2028, 0x2029})
    void zeroWidthFormatAndSeparatorCharactersAreEscaped(int cp) {
        assertEquals(String.format("\\u%04x", cp), Sanitizer.clean(Character.toString(cp)));
    }

    @Test
    void supplementaryFormatCharactersUseTheLongEscape() {
        // U+E0001 LANGUAGE TAG and U+E0041 TAG LATIN CAPITAL A hide text in "ASCII smuggling".
        assertEquals("a\\U000e0001\\U000e0041b", Sanitizer.clean("a\uDB40\uDC01\uDB40\uDC41b"));
    }

    @Test
    void unpairedSurrogatesAreEscaped() {
        assertEquals("a\\ud800b\\udc00", Sanitizer.clean("a\uD800b\uDC00"));
    }

    @Test
    void everyControlAndFormatCodePointIsEscaped() {
        for (int i = 0; i <= Character.MAX_CODE_POINT; i++) {
            int cp = i;
            int type = Character.getType(cp);
            boolean mustEscape = type == Character.CONTROL || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE;
            if (mustEscape) {
                String out = Sanitizer.clean(Character.toString(cp));
                assertTrue(out.startsWith("\\u") || out.startsWith("\\U"),
                        () -> "not escaped: U+" + Integer.toHexString(cp));
                assertTrue(out.chars().allMatch(c -> c >= 0x20 && c < 0x7f));
            }
        }
    }

    @Test
    void outputNeverContainsUnsafeCharacters() {
        StringBuilder all = new StringBuilder();
        for (int cp = 0; cp < 0x3000; cp++) {
            all.appendCodePoint(cp);
        }
        String out = Sanitizer.clean(all.toString());
        out.codePoints().forEach(cp -> assertFalse(Sanitizer.isUnsafe(cp),
                () -> "unsafe in output: U+" + Integer.toHexString(cp)));
    }

    @Test
    void visibleCharactersStayAsTheyAre() {
        assertEquals("<alice> ¡hola! ✓ → ∑", Sanitizer.clean("<alice> ¡hola! ✓ → ∑"));
    }
}
