package dev.ghostmesh.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Troubleshooting table of the root README and the messages it quotes, each turned into a
 * pattern a real output line must match. The README writes variable parts as placeholders:
 * <ul>
 *   <li>{@code ...} stands for anything;</li>
 *   <li>{@code host:port} for an address such as {@code 127.0.0.1:40123};</li>
 *   <li>{@code #1234abcd} (# and 8 hex digits) for any node's short id;</li>
 *   <li>{@code N} and any number for a number (ports, pids, seconds are examples);</li>
 *   <li>a lone {@code x} (as in {@code 'x'} or {@code /x}) for any word.</li>
 * </ul>
 * Everything else is literal.
 *
 * <p>Threading: stateless; any thread.
 */
final class ReadmeTable {
    /** A quote must say this much besides its placeholders and its "error: "/"* " prefix. */
    static final int MIN_FIXED_CHARS = 12;

    private ReadmeTable() {}

    /** One table row: what the user sees and what to do, as written (markdown). */
    record Row(int line, String symptom, String remedy) {
        /**
         * The messages this row quotes: every code span of the first column except commands
         * and options the user types, and the spans of the second column that are output
         * lines ({@code error: ...}, {@code * ...}).
         */
        List<String> messages() {
            List<String> quotes = new ArrayList<>();
            for (String span : codeSpans(symptom)) {
                if (!isTyped(span)) {
                    quotes.add(span);
                }
            }
            for (String span : codeSpans(remedy)) {
                if (span.startsWith("error: ") || span.startsWith("* ")) {
                    quotes.add(span);
                }
            }
            return quotes;
        }
    }

    /** The rows of the table under "## Troubleshooting" in {@code readme}. */
    static List<Row> troubleshooting(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        List<Row> rows = new ArrayList<>();
        boolean inSection = false;
        boolean pastHeader = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                inSection = line.strip().equals("## Troubleshooting");
                continue;
            }
            if (!inSection || !line.startsWith("|")) {
                continue;
            }
            if (line.matches("\\|[-| :]+\\|")) {
                pastHeader = true; // the separator; the line before it was the header
                continue;
            }
            if (!pastHeader) {
                continue;
            }
            List<String> cells = cells(line);
            if (cells.size() != 2) {
                throw new IllegalStateException("README.md line " + (i + 1)
                        + ": a troubleshooting row needs 2 cells, has " + cells.size());
            }
            rows.add(new Row(i + 1, cells.get(0), cells.get(1)));
        }
        return rows;
    }

    /** The cells of a table row: split on '|' outside code spans and not escaped. */
    static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        String inner = row.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '`') {
                code = !code;
            }
            if (c == '|' && !code && (i == 0 || inner.charAt(i - 1) != '\\')) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    /** The contents of the `code spans` of a markdown cell. */
    static List<String> codeSpans(String cell) {
        List<String> spans = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = cell.indexOf('`', at);
            int close = open < 0 ? -1 : cell.indexOf('`', open + 1);
            if (close < 0) {
                return spans;
            }
            spans.add(cell.substring(open + 1, close));
            at = close + 1;
        }
    }

    /** Something the user types (a command, an option, a shell command), not output. */
    static boolean isTyped(String span) {
        return span.startsWith("/") || span.startsWith("--") || span.startsWith("./")
                || span.startsWith("mvn ") || span.startsWith("sudo ");
    }

    /** The pattern a real line must match in full for {@code quote}; see the class comment. */
    static Pattern pattern(String quote) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < quote.length()) {
            if (quote.startsWith("...", i)) {
                re.append(".*");
                i += 3;
            } else if (quote.startsWith("host:port", i)) {
                re.append("[^\\s:]+:\\d+");
                i += "host:port".length();
            } else if (isShortId(quote, i)) {
                re.append("#[0-9a-f]{8}");
                i += 9;
            } else if (isLoneLetter(quote, i, 'x')) {
                re.append("[^\\s']+");
                i++;
            } else if (isLoneLetter(quote, i, 'N') || Character.isDigit(quote.charAt(i))) {
                re.append("\\d+");
                i++;
                while (i < quote.length() && Character.isDigit(quote.charAt(i))) {
                    i++;
                }
            } else {
                re.append(Pattern.quote(String.valueOf(quote.charAt(i))));
                i++;
            }
        }
        return Pattern.compile(re.toString());
    }

    /** How many characters of {@code quote} are literal, not counting an output prefix. */
    static int fixedChars(String quote) {
        String body = quote.startsWith("error: ") ? quote.substring(7)
                : quote.startsWith("* ") ? quote.substring(2) : quote;
        String withoutPlaceholders = body.replace("...", "").replace("host:port", "")
                .replaceAll("#[0-9a-f]{8}", "").replaceAll("(?<![\\p{L}\\d])[xN](?![\\p{L}\\d])", "")
                .replaceAll("\\d+", "");
        return withoutPlaceholders.strip().length();
    }

    private static boolean isShortId(String s, int i) {
        if (s.charAt(i) != '#' || i + 9 > s.length()) {
            return false;
        }
        for (int k = i + 1; k < i + 9; k++) {
            char c = s.charAt(k);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return i + 9 == s.length() || !Character.isLetterOrDigit(s.charAt(i + 9));
    }

    private static boolean isLoneLetter(String s, int i, char letter) {
        return s.charAt(i) == letter
                && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))
                && (i + 1 == s.length() || !Character.isLetterOrDigit(s.charAt(i + 1)));
    }
}
