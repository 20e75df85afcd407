package dev.ghostmesh.benchmarks.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags the {@code ghost-terminal} launcher script starts the CLI with, read from the
 * script itself so a measurement follows the launcher when its flags change: the options
 * between {@code exec "$JAVA"} and {@code -cp}, continuation lines joined, shell variables
 * ({@code ${GHOST_JAVA_OPTS:-}}) left out. Stateless.
 *
 * <p>Threading: may be called from any thread.
 */
final class LauncherFlags {
    private LauncherFlags() {}

    static List<String> read(Path launcher) throws IOException {
        String script = Files.readString(launcher).replace("\\\n", " ");
        for (String line : script.split("\n")) {
            String s = line.strip();
            if (!s.startsWith("exec \"$JAVA\"")) {
                continue;
            }
            List<String> flags = new ArrayList<>();
            for (String token : s.substring("exec \"$JAVA\"".length()).trim().split("\\s+")) {
                if (token.equals("-cp")) {
                    return flags;
                }
                if (token.startsWith("-")) {
                    flags.add(token);
                }
            }
        }
        throw new IllegalStateException("no 'exec \"$JAVA\" ... -cp' line in " + launcher);
    }
}
