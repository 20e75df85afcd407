package dev.ghostmesh.cli;

import dev.ghostmesh.GroupInfo;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion for the line editor, from the command table ({@link Commands}): command
 * names in the first word; after it, what each parameter's {@link CommandSpec.Completion}
 * says: the names of known nodes ({@code /msg}, {@code /whois}, {@code /send}), direct peers
 * and addresses still connecting ({@code /disconnect}), group names ({@code /join}: groups we
 * are not in; {@code /leave} and {@code /group}: ours), command names ({@code /help}); node
 * names in any word of chat text, the message of a command included. Commands may be
 * typed in any case, and the line editor matches every candidate ignoring case.
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
     * command line; then the kind of the parameter the word is; a node name in any word of
     * chat text (a plain line, or the message of {@code /msg}, {@code /group},
     * {@code /broadcast}, ...), as irssi completes nicks anywhere. JLine then keeps those that
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
        CommandSpec spec = Commands.find(first.substring(1));
        CommandSpec.Param p = spec == null ? null : param(spec, index - 1);
        return p == null ? List.of() : candidates(p.completion());
    }

    /**
     * The parameter word {@code i} (0: the first after the command) belongs to: the i-th, or
     * the last one when that takes the rest of the line; null past the end.
     */
    private static CommandSpec.Param param(CommandSpec spec, int i) {
        List<CommandSpec.Param> params = spec.chatParams();
        for (int k = 0; k < params.size(); k++) {
            CommandSpec.Param p = params.get(k);
            if (p.rest() ? i >= k : i == k) {
                return p;
            }
        }
        return null;
    }

    /** What completes the second word after {@code command} (any case). */
    List<String> candidates(String command) {
        String name = command.startsWith("/") ? command.substring(1) : command;
        CommandSpec spec = Commands.find(name);
        return spec == null || spec.chatParams().isEmpty() ? List.of()
                : candidates(spec.chatParams().get(0).completion());
    }

    private List<String> candidates(CommandSpec.Completion completion) {
        return switch (completion) {
            // Names are from the network: completing a control character into the line would
            // be as bad as printing it, so offer only the safe ones.
            case USER, TEXT -> safeNames();
            case PEER -> peers.get().stream().filter(CommandCompleter::typeable)
                    .distinct().toList();
            case GROUP_TO_JOIN -> groupNames(g -> !g.joined());
            case GROUP_JOINED -> groupNames(GroupInfo::joined);
            case COMMAND -> COMMANDS.stream().map(c -> c.substring(1)).toList();
            case NONE -> List.of();
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
