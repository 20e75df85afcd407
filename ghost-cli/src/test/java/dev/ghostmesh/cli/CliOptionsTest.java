package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.SecurityProfile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliOptionsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CliOptions.Parsed parse(String... args) {
        return CliOptions.parse(args, new PrintWriter(out), new PrintWriter(err));
    }

    private CliOptions ok(String... args) {
        CliOptions.Parsed p = parse(args);
        assertTrue(p.proceed(), () -> "rejected: " + err);
        assertEquals("", err.toString());
        return p.options();
    }

    private String rejected(String... args) {
        CliOptions.Parsed p = parse(args);
        assertFalse(p.proceed());
        assertEquals(2, p.exitCode());
        String e = err.toString();
        assertEquals(1, e.lines().count(), () -> "not one line: " + e);
        assertTrue(e.startsWith("error: "), e);
        assertTrue(e.contains("invalid") || e.contains("usage") || e.contains("unknown"), e);
        return e;
    }

    @Test
    void defaults() {
        CliOptions o = ok();
        assertNull(o.username);
        assertEquals(6666, o.port);
        assertTrue(o.connect.isEmpty());
        assertNull(o.home);
        assertFalse(o.noDiscovery);
        assertTrue(o.discoveryInterfaces.isEmpty());
        assertEquals(SecurityProfile.SECURE, o.profile);
    }

    @Test
    void profileIsSecureOrOpenInAnyCase() {
        assertEquals(SecurityProfile.OPEN, ok("--profile", "open").profile);
        assertEquals(SecurityProfile.OPEN, ok("--profile=Open").profile);
        assertEquals(SecurityProfile.SECURE, ok("--profile", "secure").profile);
        String e = rejected("--profile", "none");
        assertTrue(e.contains("'none' (expected secure or open)"), e);
    }

    @Test
    void discoveryInterfacesRepeatAndMustExist() {
        assertEquals(List.of("lo", "lo"), ok("--discovery-interface", "lo",
                "--discovery-interface=lo").discoveryInterfaces);
        String e = rejected("--discovery-interface", "nosuch0");
        assertTrue(e.contains("no network interface named 'nosuch0' (this host has: ")
                && e.contains("lo") && e.contains("--discovery-interface"), e);
    }

    @Test
    void discoveryInterfaceContradictsNoDiscovery() {
        String e = rejected("--no-discovery", "--discovery-interface", "lo");
        assertTrue(e.contains("--discovery-interface cannot be used with --no-discovery"), e);
    }

    @Test
    void allOptions() {
        CliOptions o = ok("--username", "alice", "--port", "5556", "--connect", "10.0.0.1",
                "--connect", "example.org:7000", "--home", "/tmp/x", "--no-discovery");
        assertEquals("alice", o.username);
        assertEquals(5556, o.port);
        assertEquals(List.of(PeerAddress.tcp("10.0.0.1", 6666),
                PeerAddress.tcp("example.org", 7000)), o.connect);
        assertEquals(Path.of("/tmp/x"), o.home);
        assertTrue(o.noDiscovery);
    }

    @Test
    void connectPortAppliesToConnectsWithoutPortInAnyOrder() {
        CliOptions o = ok("--connect", "localhost", "--connect", "h:1234", "--connect-port",
                "5555");
        assertEquals(List.of(PeerAddress.tcp("localhost", 5555), PeerAddress.tcp("h", 1234)),
                o.connect);
    }

    @Test
    void ipv6ConnectAddresses() {
        CliOptions o = ok("--connect", "[::1]:7000", "--connect", "::1");
        assertEquals(List.of(PeerAddress.tcp("::1", 7000), PeerAddress.tcp("::1", 6666)),
                o.connect);
    }

    @Test
    void portZeroMeansAnyFreePort() {
        assertEquals(0, ok("--port", "0").port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "65536", "99999999999"})
    void invalidPortIsRejected(String port) {
        assertTrue(rejected("--port", port).contains("--port"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "x"})
    void invalidConnectPortIsRejected(String port) {
        rejected("--connect", "localhost", "--connect-port", port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"host:0", "host:70000", "host:abc", "[::1", ":5"})
    void invalidConnectAddressIsRejected(String address) {
        assertTrue(rejected("--connect", address).contains("invalid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a\tb", "a#b", "a\u001bb", "a\u202eb", "a\u200bb", "\u00a0x",
            "", " ", "abcdefghijklmnopqrstuvwxyz0123456"})
    void invalidUsernamesAreRejected(String name) {
        String e = rejected("--username", name);
        assertTrue(e.contains("--username"), e);
        assertFalse(e.chars().anyMatch(c -> c < 0x20 && c != '\n' || c == 0x202e), e);
    }

    /**
     * U+1FAE0 was assigned after Unicode 13.0: every node refuses it, on any JDK, so the CLI
     * says so up front (a JDK 25 knows the character and would otherwise let it through).
     */
    @Test
    void aUsernameWithACharacterNewerThanUnicode13IsRejectedOnEveryJdk() {
        String e = rejected("--username", "melt\uD83E\uDEE0");
        assertTrue(e.contains("U+1FAE0") && e.contains("Unicode 13.0"), e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Ålice_2", "日本", "a.b-c", "abcdefghijklmnopqrstuvwxyz012345"})
    void validUsernamesAreAccepted(String name) {
        assertEquals(name, ok("--username", name).username);
    }

    @Test
    void unknownOptionIsOneLine() {
        assertTrue(rejected("--frobnicate").contains("--frobnicate"));
    }

    @Test
    void strayArgumentIsOneLine() {
        rejected("hello");
    }

    @Test
    void missingValueIsOneLine() {
        rejected("--port");
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        CliOptions.Parsed p = parse("--help");
        assertFalse(p.proceed());
        assertEquals(0, p.exitCode());
        String help = out.toString();
        for (String option : List.of("--username", "--port", "--connect", "--connect-port",
                "--home", "--no-discovery", "--discovery-interface", "--version",
                "239.255.77.77", "6677")) {
            assertTrue(help.contains(option), () -> option + " missing from\n" + help);
        }
    }

    @Test
    void versionPrintsTheProjectVersion() {
        CliOptions.Parsed p = parse("--version");
        assertEquals(0, p.exitCode());
        assertTrue(out.toString().matches("ghost-terminal \\d+\\.\\d+\\.\\d+.*\\R"), out::toString);
    }

    @Test
    void homeComesFromOptionThenEnvironmentThenUserHome() {
        assertEquals(Path.of("/a/b"), ok("--home", "/a/b/").resolveHome(Map.of("GHOST_HOME", "/e")));
        assertEquals(Path.of("/e"), ok().resolveHome(Map.of("GHOST_HOME", "/e")));
        assertEquals(Path.of(System.getProperty("user.home"), ".ghost-terminal"),
                ok().resolveHome(Map.of("GHOST_HOME", " ")));
    }

    @Test
    void relativeHomeIsMadeAbsolute() {
        assertTrue(ok("--home", "rel").resolveHome(Map.of()).isAbsolute());
    }
}
