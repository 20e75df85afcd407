package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard that keeps process tests' beacons off real networks. */
class CliProcessTest {
    private static List<String> args(List<String> command) {
        return command.subList(command.indexOf(GhostTerminal.class.getName()) + 1,
                command.size());
    }

    @Test
    void discoveryIsOffUnlessATestConfinesItToLoopback() {
        assertEquals(List.of("--port", "0", "--no-discovery"),
                args(CliProcess.javaCommand(List.of("--port", "0"))));
        assertEquals(List.of("--no-discovery"),
                args(CliProcess.javaCommand(List.of("--no-discovery"))));
        assertEquals(List.of("--discovery-interface", "lo"),
                args(CliProcess.javaCommand(List.of("--discovery-interface", "lo"))));
        assertEquals(List.of("--discovery-interface=lo"),
                args(CliProcess.javaCommand(List.of("--discovery-interface=lo"))));
    }

    @Test
    void anyOtherDiscoveryInterfaceIsRefusedOutsideANamespace() {
        assertThrows(IllegalArgumentException.class, () -> CliProcess.javaCommand(
                List.of("--discovery-interface", "eth0")));
        assertThrows(IllegalArgumentException.class, () -> CliProcess.javaCommand(
                List.of("--discovery-interface", "lo", "--discovery-interface=eth0")));
    }
}
