package dev.ghostmesh.cli;

import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion for the line editor: command names in the first word, and for {@code /msg}
 * the names of known nodes in the second.
 *
 * <p>Threading: called by JLine on the input thread; the name supplier must be thread-safe
 * (it reads the node's published snapshot).
 */
final class CommandCompleter implements Completer {
    static final List<String> COMMANDS = List.of("/broadcast", "/msg", "/connect", "/peers",
            "/status", "/help", "/quit");

    private final Supplier<List<String>> names;

    CommandCompleter(Supplier<List<String>> names) {
        this.names = names;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0) {
            COMMANDS.forEach(c -> candidates.add(new Candidate(c)));
        } else if (line.wordIndex() == 1 && "/msg".equals(line.words().get(0))) {
            // Names are from the network: completing a control character into the line would
            // be as bad as printing it, so offer only the safe ones.
            names.get().stream().filter(n -> Sanitizer.clean(n).equals(n))
                    .forEach(n -> candidates.add(new Candidate(n)));
        }
    }
}
