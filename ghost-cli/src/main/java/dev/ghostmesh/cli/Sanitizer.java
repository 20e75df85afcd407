package dev.ghostmesh.cli;

/**
 * Makes text from the network safe to print on a terminal: every character that could move
 * the cursor, recolour or clear the screen, ring the bell, reorder the line (bidi controls) or
 * hide text (zero-width and other format characters) is shown as a visible escape such as
 * {@code \u001b} or {@code \u202e} instead of reaching the terminal.
 *
 * <p>Escaped: C0 and C1 controls and DEL (all of Unicode category Cc, TAB and LF included,
 * so one event is always one line), every format character (Cf: bidi embeddings, overrides,
 * isolates and marks, U+061C, zero-width space/joiners, word joiner, BOM, tag characters),
 * line and paragraph separators, and unpaired surrogates. Supplementary code points are shown
 * as {@code \U000e0001}. Everything else, including backslashes, passes unchanged: a literal
 * "\u001b" typed by someone is harmless text.
 *
 * <p>Threading: stateless; callable from any thread.
 */
public final class Sanitizer {
    private Sanitizer() {}

    /** {@code text} with every unsafe character escaped; the same instance if none is. */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        out.append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isUnsafe(cp)) {
                escape(out, cp);
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /**
     * True if printing {@code cp} could change what the terminal shows beyond the glyph itself.
     * A lone surrogate reaches here as its own code point, so it is caught too.
     */
    public static boolean isUnsafe(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.SURROGATE:
                return true;
            default:
                // Named explicitly so the list in the class comment is guaranteed even if a
                // future Unicode version reclassified one of them.
                return cp == 0x7f || cp == 0x061c || (cp >= 0x200b && cp <= 0x200f)
                        || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2069)
                        || cp == 0xfeff;
        }
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isUnsafe(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    private static void escape(StringBuilder out, int cp) {
        if (Character.isBmpCodePoint(cp)) {
            out.append(String.format("\\u%04x", cp));
        } else {
            out.append(String.format("\\U%08x", cp));
        }
    }
}
