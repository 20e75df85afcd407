package dev.ghostmesh.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import org.slf4j.LoggerFactory;

/**
 * Sends every log line to {@code ghost-terminal.log} in the home directory and none to the
 * chat screen. slf4j-simple reads its settings from system properties once, when the first
 * logger is created, so {@link #configure} must run before anything touches
 * {@code LoggerFactory}. java.util.logging (used by JLine) is routed to the same file, because
 * its default handler would print to stderr, i.e. onto the chat.
 *
 * <p>Threading: call {@link #configure} once, from the main thread, at startup.
 */
final class LogSetup {
    static final String LOG_FILE = "ghost-terminal.log";
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private LogSetup() {}

    /** Points slf4j-simple and JUL at {@code home/ghost-terminal.log}. Settings given with -D win. */
    static Path configure(Path home) {
        Path log = home.resolve(LOG_FILE);
        // slf4j-simple truncates its file on open; keep the previous run's log for bug reports.
        try {
            if (Files.size(log) > 0) {
                Files.move(log, home.resolve(LOG_FILE + ".1"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // No previous log (or it cannot be moved): the new one simply replaces it.
        }
        setDefault("logFile", log.toString());
        String level = System.getenv("GHOST_LOG_LEVEL");
        setDefault("defaultLogLevel", level != null && !level.isBlank() ? level : "info");
        setDefault("showDateTime", "true");
        setDefault("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        setDefault("showThreadName", "true");
        setDefault("showShortLogName", "true");
        setDefault("levelInBrackets", "true");
        routeJulToSlf4j();
        return log;
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }

    private static void routeJulToSlf4j() {
        LogManager.getLogManager().reset(); // drops the ConsoleHandler that writes to stderr
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(Level.INFO);
        java.util.logging.Formatter parameters = new java.util.logging.SimpleFormatter();
        root.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (!isLoggable(r)) {
                    return;
                }
                org.slf4j.Logger target = LoggerFactory.getLogger(
                        r.getLoggerName() == null ? "jul" : r.getLoggerName());
                String message = parameters.formatMessage(r);
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    target.warn(message, r.getThrown());
                } else if (r.getLevel().intValue() >= Level.INFO.intValue()) {
                    target.info(message, r.getThrown());
                } else {
                    target.debug(message, r.getThrown());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
    }
}
