package dev.ghostmesh.cli;

import dev.ghostmesh.GroupInfo;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion for the line editor: command names in the first word; in the second, the
 * names of known nodes for {@code /msg} and {@code /whois}, direct peers and addresses still
 * connecting for {@code /disconnect}, group names for the group commands ({@code /join}:
 * groups we are not in; {@code /leave} and {@code /group}: ours), and command names for
 * {@code /help}; node names in any word of chat text. Commands may be typed in any case, and
 * the line editor matches every candidate ignoring case.
 *
 * <p>Threading: called by JLine on the input thread; the suppliers must be thread-safe (they
 * read the node's published snapshots).
 */
final class CommandCompleter implements Completer {
    static final List<String> COMMANDS = CommandHelp.commands();

    private final Supplier<List<String>> names;
    private final Supplier<List<GroupInfo>> groups;
    private final Supplier<List<String>> peers;

    /**
     * {@code names}: how to address each known node ({@code bob}, or {@code bob#1234abcd} when
     * the name is shared); {@code groups}: the groups known in the mesh; {@code peers}: what
     * {@code /disconnect} can name (direct peers, addresses still connecting).
     */
    CommandCompleter(Supplier<List<String>> names, Supplier<List<GroupInfo>> groups,
            Supplier<List<String>> peers) {
        this.names = names;
        this.groups = groups;
        this.peers = peers;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        for (String c : candidates(line.words(), line.wordIndex())) {
            candidates.add(new Candidate(c));
        }
    }

    /**
     * What completes word {@code index} of {@code words}: commands in the first word of a
     * command line; the command's own kind of argument in its second; a node name in any word
     * of chat text (a plain line, or the message of {@code /msg}, {@code /group} and
     * {@code /broadcast}), as irssi completes nicks anywhere. JLine then keeps those that
     * match what is typed, ignoring case.
     */
    List<String> candidates(List<String> words, int index) {
        String first = words.isEmpty() ? "" : words.get(0);
        boolean command = first.startsWith("/") && !first.startsWith("//");
        if (index == 0) {
            return command || first.isEmpty() ? COMMANDS : safeNames();
        }
        if (!command) {
            return safeNames();
        }
        String name = first.toLowerCase(Locale.ROOT);
        if (index == 1 && !name.equals("/broadcast")) {
            return candidates(name);
        }
        boolean text = name.equals("/broadcast") || name.equals("/msg")
                || name.equals("/group");
        return text ? safeNames() : List.of();
    }

    /** What completes the second word after {@code command} (any case). */
    List<String> candidates(String command) {
        return switch (command.toLowerCase(Locale.ROOT)) {
            // Names are from the network: completing a control character into the line would
            // be as bad as printing it, so offer only the safe ones.
            case "/msg", "/whois" -> safeNames();
            case "/disconnect" -> peers.get().stream().filter(CommandCompleter::typeable)
                    .distinct().toList();
            case "/join" -> groupNames(g -> !g.joined());
            case "/leave", "/group" -> groupNames(GroupInfo::joined);
            case "/help" -> COMMANDS.stream().map(c -> c.substring(1)).toList();
            default -> List.of();
        };
    }

    private List<String> safeNames() {
        return names.get().stream().filter(CommandCompleter::typeable).distinct().toList();
    }

    private List<String> groupNames(Predicate<GroupInfo> which) {
        return groups.get().stream().filter(which).map(g -> g.name().display())
                .filter(CommandCompleter::typeable).toList();
    }

    private static boolean typeable(String s) {
        return !s.isEmpty() && Sanitizer.clean(s).equals(s)
                && s.codePoints().noneMatch(c -> Character.isWhitespace(c)
                        || Character.isSpaceChar(c));
    }
}
