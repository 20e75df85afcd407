package dev.ghostmesh.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jline.reader.MaskingCallback;

/**
 * Keeps group passwords off the screen and out of the input history on a terminal: the
 * password of {@code /create <name> <password>} or {@code /join <name> <password>} (the rest of
 * the line after the name, as {@link CommandArgs} reads it) is drawn as {@code *}, one per
 * character, while typed and once entered, and a line that holds one never enters the history,
 * so Up-arrow cannot bring it back. Each line of a multi-line paste is judged on its own.
 *
 * <p>Threading: stateless and thread-safe.
 */
final class PasswordMask implements MaskingCallback {
    /**
     * The command and the words before its secret (group 1), then the secret to the end of the
     * line (group 2), for every command of the table whose last parameter is a secret
     * ({@code /create} and {@code /join}: the password after the name), in any case, as
     * commands are typed. Separators are any white space but a line break (Unicode-wide,
     * wider than the command parser's: masking too much is harmless, too little is not).
     */
    private static final Pattern WITH_PASSWORD = pattern();

    private static Pattern pattern() {
        String sep = "[^\\S\\r\\n]";
        String commands = Commands.ALL.stream()
                .filter(c -> !c.chatParams().isEmpty() && c.chatParams()
                        .get(c.chatParams().size() - 1).kind() == CommandSpec.Kind.SECRET)
                .map(c -> "(?i:" + Pattern.quote(c.name()) + ")(?:" + sep + "+\\S+){"
                        + (c.chatParams().size() - 1) + "}")
                .collect(Collectors.joining("|"));
        return Pattern.compile("^(" + sep + "*/(?:" + commands + ")" + sep + "+)(\\S[^\\r\\n]*)",
                Pattern.MULTILINE | Pattern.UNICODE_CHARACTER_CLASS);
    }

    static final PasswordMask INSTANCE = new PasswordMask();

    private PasswordMask() {}

    /** True if some line of {@code input} is a {@code /create} or {@code /join} with a password. */
    static boolean carriesPassword(String input) {
        return WITH_PASSWORD.matcher(input).find();
    }

    /** {@code input} with every password replaced by as many {@code *}. */
    static String mask(String input) {
        Matcher m = WITH_PASSWORD.matcher(input);
        StringBuilder out = new StringBuilder(input.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1)
                    + "*".repeat(m.group(2).length())));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public String display(String line) {
        return mask(line);
    }

    @Override
    public String history(String line) {
        return carriesPassword(line) ? null : line;
    }
}
