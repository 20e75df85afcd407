package dev.ghostmesh.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version line of {@code ghost-terminal --version}, from {@code version.properties}, which
 * Maven fills in at build time (so it works from target/classes as well as from the jar).
 *
 * <p>Threading: stateless; callable from any thread.
 */
final class VersionProvider implements IVersionProvider {
    /** {@code ghost-terminal 1.0.0}, or {@code ghost-terminal (unknown version)}. */
    static String versionLine() {
        return "ghost-terminal " + version();
    }

    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v.strip();
                }
            }
        } catch (IOException e) {
            // Fall back to the manifest below: a missing version must never stop the chat.
        }
        String fromManifest = VersionProvider.class.getPackage().getImplementationVersion();
        return fromManifest != null ? fromManifest : "(unknown version)";
    }

    @Override
    public String[] getVersion() {
        return new String[] {versionLine()};
    }
}
