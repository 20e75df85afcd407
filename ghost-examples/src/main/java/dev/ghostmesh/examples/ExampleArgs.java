package dev.ghostmesh.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The examples' command line: {@code --name value} options (repeatable ones keep every value)
 * and bare {@code --flag}s. A real application would use picocli as {@code ghost-terminal}
 * does; the examples stay dependency-free so that each reads in one sitting.
 *
 * <p>Threading: immutable after parsing; use from one thread.
 */
final class ExampleArgs {
    private final Map<String, List<String>> values = new HashMap<>();
    private final Set<String> flagsGiven = new HashSet<>();

    private ExampleArgs() {}

    /**
     * Parses {@code args}, accepting only the options in {@code withValue} and the flags in
     * {@code flags}.
     *
     * @throws IllegalArgumentException with a user-facing message for anything else
     */
    static ExampleArgs parse(String[] args, Set<String> withValue, Set<String> flags) {
        ExampleArgs parsed = new ExampleArgs();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (flags.contains(arg)) {
                parsed.flagsGiven.add(arg);
            } else if (withValue.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                parsed.values.computeIfAbsent(arg, k -> new ArrayList<>()).add(args[++i]);
            } else {
                List<String> known = new ArrayList<>(withValue);
                known.addAll(flags);
                known.sort(null);
                throw new IllegalArgumentException("unknown option '" + arg + "'; known: "
                        + String.join(" ", known));
            }
        }
        return parsed;
    }

    boolean flag(String name) {
        return flagsGiven.contains(name);
    }

    /** The last value given for {@code name}, or {@code fallback}. */
    String text(String name, String fallback) {
        List<String> given = values.get(name);
        return given == null ? fallback : given.get(given.size() - 1);
    }

    /** Every value given for a repeatable option, in order. */
    List<String> all(String name) {
        return List.copyOf(values.getOrDefault(name, List.of()));
    }

    /** An integer option within {@code [min, max]}. */
    int integer(String name, int fallback, int min, int max) {
        String text = text(name, null);
        if (text == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + text
                    + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + "-" + max + ", not "
                    + value);
        }
        return value;
    }
}
