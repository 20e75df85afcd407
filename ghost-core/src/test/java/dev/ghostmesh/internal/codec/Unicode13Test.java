package dev.ghostmesh.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.GroupName;
import org.junit.jupiter.api.Test;

/**
 * The text rules follow Unicode 13.0 on every runtime. Run on Java 17 (Unicode 13.0) these
 * tests check the shipped table against the JDK's own data code point by code point; on a newer
 * JDK they check that it only added code points, and that the rules still refuse them.
 */
class Unicode13Test {
    private static final String MELTING_FACE = new String(Character.toChars(0x1FAE0)); // 14.0
    private static final String OUTLINED_ZERO = new String(Character.toChars(0x1CCF0)); // 16.0

    @Test
    void theTableAgreesWithTheRuntimeOnEveryCodePointUnicode13Assigned() {
        boolean unicode13 = Runtime.version().feature() == 17;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            int table = Unicode13.classOf(cp);
            int runtime = Unicode13Table.runtimeClass(cp);
            if (unicode13 || table != Unicode13.UNASSIGNED) {
                int at = cp;
                assertEquals(runtime, table, () -> String.format("U+%04X", at));
            }
        }
    }

    @Test
    void aUsernameWithACodePointAssignedAfterUnicode13IsRefusedOnEveryRuntime() {
        String problem = TextRules.usernameProblem("ghost" + MELTING_FACE);
        assertTrue(problem != null && problem.contains("U+1FAE0")
                && problem.contains("unassigned in Unicode 13.0"), problem);
        assertNull(TextRules.usernameProblem("ghost\u263A")); // WHITE SMILING FACE, 1.1
    }

    @Test
    void aGroupNameIsCheckedForUnicode13BeforeNfkcCouldMapANewerCodePoint() {
        // Unicode 16.0 maps OUTLINED DIGIT ZERO to "0" under NFKC: a newer runtime alone would
        // take "dev<zero>" as the group "dev0", Java 17 as invalid.
        String problem = GroupName.problem("dev" + OUTLINED_ZERO);
        assertTrue(problem != null && problem.contains("unassigned in Unicode 13.0"), problem);
        assertEquals("dev0", GroupName.of("dev\uFF10").key(), "FULLWIDTH DIGIT ZERO, 1.1");
    }

    @Test
    void blankMeansTheFixedWhiteSpaceListNotTheRuntimes() {
        assertEquals("empty", TextRules.usernameProblem(" \u3000\u2000"));
        assertNull(TextRules.usernameProblem("\u00A0x")); // a no-break space is not blank
        assertTrue(TextRules.usernameProblem("a\u200Bb").contains("U+200B"), "Cf");
    }

    @Test
    void codePointsOutsideUnicodeAreUnassigned() {
        assertEquals(Unicode13.UNASSIGNED, Unicode13.classOf(-1));
        assertEquals(Unicode13.UNASSIGNED, Unicode13.classOf(0x110000));
        assertEquals(Unicode13.FORBIDDEN_IN_NAMES, Unicode13.classOf(0x10FFFD)); // private use
    }
}
