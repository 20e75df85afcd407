package dev.ghostmesh.cli;

import java.util.List;
import java.util.Map;

/**
 * The colours of the chat screen, as ANSI SGR sequences: each sender's name in a colour of
 * its own (the same label always gets the same one), our own name in bold, private lines in
 * magenta, group tags in cyan, system lines grey and errors red. {@link #NONE} adds nothing:
 * it is used when {@code NO_COLOR} is set, with {@code --no-color}, and whenever the screen is
 * not a terminal, so pipes and scripts see the plain line formats of {@link ChatView}.
 *
 * <p>Styles wrap text that {@link Sanitizer} already cleaned, which turns every escape
 * character from the network into visible text; the only escape sequences on the screen are
 * the ones added here.
 *
 * <p>Threading: immutable and thread-safe.
 */
final class Palette {
    /** No colour at all. */
    static final Palette NONE = new Palette(false);
    /** Colour for a terminal. */
    static final Palette ANSI = new Palette(true);

    private static final String ESC = "\u001b[";
    private static final String RESET = ESC + "0m";
    /**
     * Sender colours: green, yellow, blue and their bright forms. Red (errors), magenta
     * (private), cyan (groups) and grey (system) are kept for their own meanings.
     */
    static final List<String> SENDER_COLOURS = List.of("32", "33", "34", "92", "93", "94");
    private static final String OWN = "1";
    private static final String PRIVATE = "35";
    private static final String GROUP = "36";
    private static final String SYSTEM = "90";
    private static final String ERROR = "31";

    private final boolean enabled;

    private Palette(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The palette for a run: none when {@code --no-color} was given, when the environment has
     * a non-empty {@code NO_COLOR} (the no-color.org convention), or when there is no terminal.
     */
    static Palette choose(boolean terminal, boolean noColorOption, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        boolean refused = noColorOption || noColor != null && !noColor.isEmpty();
        return terminal && !refused ? ANSI : NONE;
    }

    boolean enabled() {
        return enabled;
    }

    /** A sender's label: bold when it is ours, else in the colour its label hashes to. */
    String sender(String label, boolean own) {
        return style(own ? OWN : SENDER_COLOURS.get(Math.floorMod(label.hashCode(),
                SENDER_COLOURS.size())), label);
    }

    /** {@code [private]} or {@code [private to bob]}. */
    String privateTag(String tag) {
        return style(PRIVATE, tag);
    }

    /** {@code [#Dev]}. */
    String groupTag(String tag) {
        return style(GROUP, tag);
    }

    /** A whole {@code * ...} line. */
    String system(String line) {
        return style(SYSTEM, line);
    }

    /** A whole {@code error: ...} line. */
    String error(String line) {
        return style(ERROR, line);
    }

    /** The time in front of a line. */
    String timestamp(String time) {
        return style(SYSTEM, time);
    }

    private String style(String sgr, String text) {
        return enabled ? ESC + sgr + "m" + text + RESET : text;
    }
}
