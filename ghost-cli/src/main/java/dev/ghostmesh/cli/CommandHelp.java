package dev.ghostmesh.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The help texts, all made from the command table ({@link Commands}): {@code /help} (every
 * chat command in one line each, then the line formats), {@code /help <command>} (its usage,
 * what it does in a few lines, and an example), and the JSON mode's {@code help} list
 * ({@code msg to text}: each JSON command with its fields).
 *
 * <p>Threading: immutable and thread-safe.
 */
final class CommandHelp {
    private static final List<String> FORMATS = List.of(
            "what you see:",
            "  <alice> hello             a broadcast (yours too)",
            "  [private] <alice> hi      a private message to you",
            "  [private to bob] hi       your private message to bob",
            "  [#Dev] <alice> hi         a message to a group you are in (yours too)",
            "  [topic t] <alice> hi      a message on a topic you subscribe to",
            "  [history 14:05] <bob> hi  shown or sent before (/history; the last ones at"
                    + " start)",
            "  * ...                     system lines (connected, joined, left, created)",
            "  error: ...                something went wrong; the chat keeps running",
            "  name#abcd1234             a name that several nodes share, or that looks like"
                    + " another",
            "                            (bob and Cyrillic b\u043eb), with the node's id prefix",
            "  \\u001b, \\u202e, ...       control and invisible characters others sent,"
                    + " shown escaped");

    private static final List<String> OVERVIEW = buildOverview();

    private CommandHelp() {}

    /** Every chat command ({@code /msg}), in the order {@code /help} lists them. */
    static List<String> commands() {
        return Commands.ALL.stream().filter(s -> s.surface().chat()).map(s -> "/" + s.name())
                .toList();
    }

    /** Every JSON command with its fields, optional ones in brackets, for {"cmd":"help"}. */
    static List<String> jsonCommands() {
        return Commands.ALL.stream().filter(s -> s.surface().json())
                .map(CommandSpec::jsonSynopsis).toList();
    }

    /** The lines of {@code /help}. */
    static List<String> overview() {
        return OVERVIEW;
    }

    private static List<String> buildOverview() {
        List<String> lines = new ArrayList<>();
        lines.add("commands (/help <command> for more):");
        lines.add(column("<message>") + "broadcast to every node (//text sends \"/text\")");
        Commands.ALL.stream().filter(s -> s.surface().chat())
                .forEach(s -> lines.add(column(s.chatSynopsis()) + s.help().summary()));
        lines.addAll(FORMATS);
        return List.copyOf(lines);
    }

    /** The command {@code command} names ({@code msg}, {@code /MSG}, {@code exit}), or null. */
    static CommandSpec spec(String command) {
        String key = command.strip().toLowerCase(Locale.ROOT);
        return Commands.find(key.startsWith("/") ? key.substring(1) : key);
    }

    /**
     * The lines of {@code /help <command>} ({@code msg} or {@code /msg}, any case), or null
     * when there is no such command.
     */
    static List<String> about(String command) {
        CommandSpec s = spec(command);
        return s == null ? null : about(s);
    }

    /** Usage, details, example, and where the command does not work. */
    static List<String> about(CommandSpec s) {
        List<String> lines = new ArrayList<>();
        lines.add("usage: " + s.chatSynopsis());
        s.help().details().forEach(d -> lines.add("  " + d));
        if (s.help().example() != null) {
            lines.add("  " + s.help().example());
        }
        if (!s.surface().json()) {
            lines.add("  (chat only: not a command of --json)");
        } else if (!s.surface().chat()) {
            lines.add("  (--json only: not a chat command)");
        }
        return List.copyOf(lines);
    }

    /** The synopsis padded to the summary column, as /help has always aligned them. */
    private static String column(String synopsis) {
        String s = "  " + synopsis;
        return s.length() < 28 ? s + " ".repeat(28 - s.length()) : s + " ";
    }
}
