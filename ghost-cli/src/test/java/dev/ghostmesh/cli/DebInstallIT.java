package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The package installed with dpkg into a clean Debian root and used there: src/deb/install-check.sh
 * (see its header) installs it, runs ghost-terminal --version and a two-node chat, and purges
 * it. The root is built once (about a minute, from the host's Debian mirror) and cached; later
 * runs take a few seconds. Needs root for debootstrap, mount and chroot, so it skips for anyone
 * else; .ci/run installs debootstrap.
 */
class DebInstallIT {
    /** The first run downloads and unpacks a Debian root and a JRE. */
    private static final Duration FIRST_RUN_MAX = Duration.ofMinutes(10);

    @Test
    void installsIntoACleanDebianRootWhereTwoNodesChatAndPurgesWithoutATrace() {
        DebPackage deb = DebPackage.built();
        assumeTrue(DebPackage.run(List.of("id", "-u")).stdout().strip().equals("0"),
                "the install check needs root (debootstrap, mount, chroot); run it as root:"
                        + " ghost-cli/src/deb/install-check.sh");
        assumeTrue(DebPackage.onPath("debootstrap"),
                "the install check needs debootstrap: apt-get install debootstrap");

        DebPackage.Result r = DebPackage.run(
                List.of(Path.of("src", "deb", "install-check.sh").toAbsolutePath().toString(),
                        deb.file.toString()),
                Map.of(), "", FIRST_RUN_MAX);
        System.out.println(r.describe());
        assertEquals(0, r.exit(), r::describe);
        List<String> lines = r.stdout().lines().toList();
        assertTrue(lines.contains("install-check: ghost-terminal --version: "
                + VersionProvider.versionLine()), r::describe);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("install-check: two-node chat on")
                && l.contains("bob -> alice and alice -> bob delivered")), r::describe);
        assertTrue(lines.contains("install-check: dpkg --purge ghost-terminal: no file left"),
                r::describe);
    }
}
