package dev.ghostmesh;

import dev.ghostmesh.internal.codec.TextRules;
import dev.ghostmesh.internal.codec.Unicode13;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The name of a group: 1-32 letters, digits, {@code -} or {@code _} of Unicode 13.0 (whatever
 * the runtime's Unicode version: nodes must agree). Two names are the same
 * group when they match case-insensitively after Unicode NFKC normalization ({@link #key()});
 * {@link #display()} keeps the spelling it was written with. Immutable and thread-safe.
 */
public final class GroupName implements Comparable<GroupName> {
    /** Longest group name, in code points. */
    public static final int MAX_LENGTH = 32;

    private final String display;
    private final String key;

    private GroupName(String display, String key) {
        this.display = display;
        this.key = key;
    }

    /**
     * Validates and normalizes a group name. Callable from any thread.
     *
     * @throws IllegalArgumentException with a user-facing message if it is not a valid name
     */
    public static GroupName of(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException("invalid group name '" + name + "': " + problem);
        }
        String normalized = Normalizer.normalize(name, Normalizer.Form.NFKC);
        return new GroupName(normalized, normalized.toLowerCase(Locale.ROOT));
    }

    /** Why {@code name} is not a valid group name, or null if it is. Any thread. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "empty";
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            // Only code points assigned in Unicode 13.0: NFKC of those is the same on every
            // runtime (Unicode's normalization stability), of later ones it is not.
            if (Unicode13.classOf(cp) == Unicode13.UNASSIGNED) {
                return TextRules.unassigned(cp);
            }
            i += Character.charCount(cp);
        }
        String n = Normalizer.normalize(name, Normalizer.Form.NFKC);
        int count = n.codePointCount(0, n.length());
        if (count > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < n.length(); ) {
            int cp = n.codePointAt(i);
            if (Unicode13.classOf(cp) != Unicode13.LETTER_OR_DIGIT && cp != '-' && cp != '_') {
                return "use only letters, digits, - and _";
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    /** The spelling to show (NFKC-normalized, case kept). */
    public String display() {
        return display;
    }

    /** The matching key: NFKC-normalized and lower-cased. Equal keys mean the same group. */
    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupName g && g.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public int compareTo(GroupName other) {
        return key.compareTo(other.key);
    }

    @Override
    public String toString() {
        return display;
    }
}
