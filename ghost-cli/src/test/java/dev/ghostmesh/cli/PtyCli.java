package dev.ghostmesh.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts the CLI on a real pseudo-terminal for tests: util-linux script(1) makes one, so the
 * CLI sees a terminal on stdin and stdout and uses its line editor, as for a person.
 *
 * <p>Threading: test thread only.
 */
final class PtyCli {
    private PtyCli() {}

    /** script(1) on the PATH, or null when it is not installed (tests then assume it away). */
    static Path script() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin")
                .split(File.pathSeparator)) {
            Path p = Path.of(dir, "script");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The CLI with {@code --home home} and {@code args} under {@code script}, as an xterm, with
     * {@code env} added to the environment (NO_COLOR is unset unless {@code env} sets it).
     */
    static CliProcess start(Path script, Path home, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        String java = CliProcess.javaCommand(all).stream().map(PtyCli::quote)
                .collect(Collectors.joining(" "));
        Map<String, String> environment = new HashMap<>(Map.of("TERM", "xterm",
                "SHELL", "/bin/sh"));
        environment.putAll(env);
        return CliProcess.start(home.getFileName().toString(),
                List.of(script.toString(), "-qfec", "exec " + java, "/dev/null"), environment);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
