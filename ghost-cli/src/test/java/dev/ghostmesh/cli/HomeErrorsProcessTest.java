package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A home that cannot be used is one error line with the reason in words, and a start that
 * fails leaves nothing behind: no half-made home, identity or lock file. Real processes.
 * Permission denied needs a process that permission checks apply to: as root, the CLI runs
 * without the capabilities that bypass them (setpriv), so it still reads the class path.
 */
class HomeErrorsProcessTest {
    @RegisterExtension
    final CliProcesses cli = new CliProcesses();

    private String failedStart(CliProcess p) {
        cli.add(p);
        assertEquals(1, p.awaitExit(Duration.ofSeconds(15)), p::transcript);
        String line = p.awaitStderrLine("error: ");
        assertEquals(1, p.stderr().size(), p::transcript);
        assertTrue(p.stdout().isEmpty(), p::transcript);
        return line;
    }

    @Test
    void aFileInTheHomesPathIsNotADirectory() throws IOException {
        Path file = Files.writeString(cli.dir().resolve("plain-file"), "x");
        Path home = file.resolve("home");
        String line = failedStart(CliProcess.start("notdir", home, "--port", "0"));
        assertEquals("error: cannot use home directory " + home + ": not a directory ("
                + file + ")", line);
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aHomeOnAReadOnlyFileSystemSaysSo() throws Exception {
        Path mount = Files.createDirectory(cli.dir().resolve("ro"));
        // A read-only tmpfs in a mount namespace of the CLI's own: it vanishes with the process.
        assumeTrue(canMountPrivately(mount), "needs root and unshare(1) to mount a read-only"
                + " file system");
        Path home = mount.resolve("home");
        List<String> command = new ArrayList<>(List.of("unshare", "-m", "--propagation",
                "private", "sh", "-c", "mount -t tmpfs -o ro tmpfs \"$0\" && exec \"$@\"",
                mount.toString()));
        command.addAll(CliProcess.javaCommand(List.of("--home", home.toString(), "--port",
                "0")));
        String line = failedStart(CliProcess.start("readonly", command));
        assertEquals("error: cannot use home directory " + home + ": read-only file system",
                line);
    }

    @Test
    void aHomeItMayNotCreateSaysPermissionDenied() throws Exception {
        Path locked = Files.createDirectory(cli.dir().resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        assumeTrue(canRunWithoutDacOverride(), "needs root and setpriv(1) to run the CLI"
                + " without the capabilities that pass every permission check");
        Path home = locked.resolve("home");
        List<String> command = new ArrayList<>(List.of("setpriv", "--inh-caps=-all",
                "--bounding-set=-dac_override,-dac_read_search"));
        command.addAll(CliProcess.javaCommand(List.of("--home", home.toString(), "--port",
                "0")));
        String line = failedStart(CliProcess.start("denied", command));
        assertEquals("error: cannot use home directory " + home + ": permission denied", line);
        try (Stream<Path> left = Files.list(locked)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aStartThatFailsOnItsPortCreatesNoHome() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            Path home = cli.dir().resolve("fresh/home");
            String line = failedStart(CliProcess.start("clash", home, "--port",
                    String.valueOf(taken.getLocalPort())));
            assertTrue(line.contains("port " + taken.getLocalPort() + " is already in use"),
                    line);
            assertFalse(Files.exists(cli.dir().resolve("fresh")), "a half-made home was left");

            Path existing = Files.createDirectory(cli.dir().resolve("existing"));
            failedStart(CliProcess.start("clash2", existing, "--port",
                    String.valueOf(taken.getLocalPort())));
            try (Stream<Path> left = Files.list(existing)) {
                List<String> names = left.map(p -> p.getFileName().toString()).toList();
                // Only the log, which says why the start failed.
                assertEquals(List.of(LogSetup.LOG_FILE), names);
            }
        }
    }

    @Test
    void anIdentityFileThatCannotBeReadSaysWhyAndIsKept() throws IOException {
        Path home = Files.createDirectory(cli.dir().resolve("home"));
        Files.createDirectory(home.resolve("identity.key"));
        String line = failedStart(CliProcess.start("badid", home, "--port", "0"));
        assertEquals("error: cannot use identity file " + home.resolve("identity.key")
                + ": is a directory", line);
        assertTrue(Files.isDirectory(home.resolve("identity.key")));
        assertFalse(Files.exists(home.resolve(HomeLock.LOCK_FILE)), "lock file left behind");
    }

    /** Whether this process may drop DAC overrides (root with setpriv): mkdir in 0500 fails. */
    private boolean canRunWithoutDacOverride() throws InterruptedException {
        try {
            Path probe = Files.createDirectory(cli.dir().resolve("probe"));
            Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("r-x------"));
            Process p = new ProcessBuilder("setpriv", "--inh-caps=-all",
                    "--bounding-set=-dac_override,-dac_read_search", "mkdir",
                    probe.resolve("x").toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() != 0
                    && !Files.exists(probe.resolve("x"))
                    && "root".equals(System.getProperty("user.name"));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean canMountPrivately(Path dir) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh",
                    "-c", "mount -t tmpfs -o ro tmpfs \"$0\"", dir.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
