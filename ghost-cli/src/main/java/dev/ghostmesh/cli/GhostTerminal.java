package dev.ghostmesh.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Entry point of {@code ghost-terminal}: parses the options, locks the home directory, points
 * logging at a file there, and runs a {@link ChatSession}.
 *
 * <p>This class deliberately has no Logger: slf4j-simple fixes its output the moment the first
 * logger exists, and that must be the log file in the home, which is known only after the
 * options are parsed and the home is locked. Fatal startup errors are one {@code error: } line
 * on stderr.
 *
 * <p>Threading: runs on the main thread, which becomes the input thread of the chat.
 */
public final class GhostTerminal {
    /** Exit code when the node cannot start (port or home in use, unreadable identity). */
    static final int EXIT_START_FAILED = 1;

    private GhostTerminal() {}

    /** Runs the CLI and exits with its code; see {@code --help}. */
    public static void main(String[] args) {
        // Exit explicitly: the chat is over, whatever non-daemon thread a library left behind.
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        PrintWriter out = writer(FileDescriptor.out);
        PrintWriter err = writer(FileDescriptor.err);
        CliOptions.Parsed parsed = CliOptions.parse(args, out, err);
        if (!parsed.proceed()) {
            return parsed.exitCode();
        }
        CliOptions options = parsed.options();
        Path home = options.resolveHome(env);
        // A start that fails must leave no half-made home, identity or lock file behind.
        HomeFiles before = HomeFiles.before(home);
        HomeLock lock;
        try {
            lock = HomeLock.tryAcquire(home);
        } catch (IOException | RuntimeException e) {
            before.undo();
            return fail(err, "cannot use home directory " + Sanitizer.clean(home.toString())
                    + ": " + Sanitizer.clean(HomeFiles.reason(e, home)));
        }
        if (lock == null) {
            return fail(err, "home directory " + Sanitizer.clean(home.toString())
                    + " is already in use by another ghost-terminal (pid "
                    + HomeLock.holderPid(home) + "); use --home DIR to run a second node");
        }
        int code;
        try (lock) {
            LogSetup.configure(home);
            code = new ChatSession(options, home, err, env).run();
        }
        if (code != 0) {
            // Only a start that failed ends with a code other than 0 (see ChatSession#run).
            before.undo();
        }
        return code;
    }

    static int fail(PrintWriter err, String message) {
        err.println("error: " + message);
        err.flush();
        return EXIT_START_FAILED;
    }

    /** UTF-8 regardless of the locale, so names print the same everywhere. */
    private static PrintWriter writer(FileDescriptor fd) {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(fd),
                StandardCharsets.UTF_8), true);
    }
}
