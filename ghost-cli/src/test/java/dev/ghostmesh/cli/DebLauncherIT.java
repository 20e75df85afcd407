package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged /usr/bin/ghost-terminal, extracted from the .deb and run as a real process:
 * with this JVM it starts the CLI; with a stand-in java it shows the exact JVM command line
 * (the flags of the source tree's ./ghost-terminal, the jars beside it); with no Java, or one
 * older than 17, it stops with one line saying so.
 */
class DebLauncherIT {
    private static final String MAIN = "dev.ghostmesh.cli.GhostTerminal";

    @TempDir
    Path tmp;
    private Path root;
    private Path launcher;

    @BeforeEach
    void extract() {
        root = DebPackage.built().extractTo(tmp.resolve("root"));
        launcher = root.resolve("usr/bin/ghost-terminal");
    }

    @Test
    void printsTheVersionWithJavaHome() {
        DebPackage.Result r = DebPackage.run(List.of(launcher.toString(), "--version"),
                Map.of("JAVA_HOME", System.getProperty("java.home")), "");
        assertEquals(0, r.exit(), r::describe);
        assertEquals(VersionProvider.versionLine() + "\n", r.stdout());
    }

    @Test
    void findsJavaOnThePathWithoutJavaHome() throws IOException {
        Path bin = toolsDir();
        Files.createSymbolicLink(bin.resolve("java"),
                Path.of(System.getProperty("java.home"), "bin", "java"));
        DebPackage.Result r = runWith(bin, null, "--version");
        assertEquals(0, r.exit(), r::describe);
        assertEquals(VersionProvider.versionLine() + "\n", r.stdout());
    }

    /**
     * The JVM flags are the source tree's ./ghost-terminal's (benchmarks/FOOTPRINT.md measured
     * them), GHOST_JAVA_OPTS comes after them, the class path is the jars beside the launcher
     * (found through a symbolic link, too), and arguments arrive unsplit.
     */
    @Test
    void runsJavaWithTheDevelopmentLaunchersFlagsAndTheJarsBesideIt() throws IOException {
        Path javaHome = fakeJava("17.0.99");
        Path link = Files.createDirectories(tmp.resolve("elsewhere")).resolve("gt");
        Files.createSymbolicLink(link, launcher);
        DebPackage.Result r = DebPackage.run(List.of(link.toString(), "--username", "two words"),
                Map.of("JAVA_HOME", javaHome.toString(), "GHOST_JAVA_OPTS", "-Dextra=1"), "");
        assertEquals(0, r.exit(), r::describe);

        List<String> expected = new ArrayList<>(developmentJvmFlags());
        expected.addAll(List.of("-Dextra=1", "-cp", root.resolve("usr/share/ghost-terminal") + "/*",
                MAIN, "--username", "two words"));
        assertEquals(expected, r.stdout().lines().toList());
    }

    @Test
    void refusesJava11InOneLine() throws IOException {
        DebPackage.Result r = DebPackage.run(List.of(launcher.toString(), "--version"),
                Map.of("JAVA_HOME", fakeJava("11.0.2").toString()), "");
        assertEquals("", r.stdout(), "java never ran");
        assertNeedsJava17(r, ", but .* is Java 11\\.0\\.2: .*");
    }

    /** Without a release file the version comes from java -version (Java 8's "1.8.0_x"). */
    @Test
    void refusesJava8WhoseVersionOnlyJavaVersionTells() throws IOException {
        Path javaHome = fakeJava("1.8.0_392");
        Files.delete(javaHome.resolve("release"));
        DebPackage.Result r = DebPackage.run(List.of(launcher.toString()),
                Map.of("JAVA_HOME", javaHome.toString()), "");
        assertNeedsJava17(r, ", but .* is Java 1\\.8\\.0_392: .*");
    }

    @Test
    void saysSoWhenThereIsNoJava() throws IOException {
        DebPackage.Result r = runWith(toolsDir(), null, "--version");
        assertNeedsJava17(r, ": install .*");
    }

    /** Exit 1 and one line on stderr: "error: ghost-terminal needs Java 17 or newer" + rest. */
    private static void assertNeedsJava17(DebPackage.Result r, String rest) {
        assertEquals(1, r.exit(), r::describe);
        List<String> lines = r.stderr().lines().toList();
        assertEquals(1, lines.size(), r::describe);
        assertTrue(lines.get(0).matches("error: ghost-terminal needs Java 17 or newer" + rest),
                r::describe);
    }

    /** Runs the launcher with only {@code bin} on the PATH. */
    private DebPackage.Result runWith(Path bin, String javaHome, String... args) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", launcher.toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>();
        env.put("PATH", bin.toString());
        env.put("JAVA_HOME", javaHome);
        return DebPackage.run(command, env, "");
    }

    /** A PATH directory with the tools the launcher needs besides java, and no java. */
    private Path toolsDir() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("readlink", "dirname", "sed")) {
            Path real = List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream()
                    .filter(Files::isExecutable).findFirst().orElseThrow();
            Files.createSymbolicLink(bin.resolve(tool), real);
        }
        return bin;
    }

    /**
     * A Java installation whose release file says {@code version}, whose java -version says
     * the same, and whose java prints its arguments one per line instead of running anything.
     */
    private Path fakeJava(String version) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("jdk-" + version));
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n"
                + "if [ \"$1\" = -version ]; then\n"
                + "  echo 'openjdk version \"" + version + "\" 2020-01-01' >&2; exit 0\n"
                + "fi\n"
                + "for a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\n"
                + "JAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    /** The JVM flags of the exec line of the repository's ./ghost-terminal. */
    private static List<String> developmentJvmFlags() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "ghost-terminal"));
        StringBuilder exec = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("exec \"$JAVA\"")) {
                for (int j = i; exec.indexOf(" -cp ") < 0 && j < lines.size(); j++) {
                    exec.append(lines.get(j).replace("\\", " ")).append(' ');
                }
            }
        }
        List<String> flags = new ArrayList<>();
        for (String word : exec.toString().split("\\s+")) {
            if (word.equals("-cp")) {
                break;
            }
            if (word.startsWith("-")) {
                flags.add(word);
            }
        }
        assertTrue(flags.contains("-Xms16m"), "flags of ./ghost-terminal: " + flags);
        return flags;
    }
}
