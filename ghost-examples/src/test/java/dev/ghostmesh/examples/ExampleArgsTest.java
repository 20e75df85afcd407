package dev.ghostmesh.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.transport.tcp.TcpTransport;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExampleArgsTest {
    @Test
    void gatewayOptionsParseWithTheirDefaults() {
        IotGateway.Settings defaults = IotGatewayExample.settings(
                ExampleArgs.parse(new String[0], Set.of("--port"), Set.of()));
        assertEquals("gateway", defaults.name());
        assertEquals(TcpTransport.DEFAULT_PORT, defaults.port());
        assertTrue(defaults.lanDiscovery());
        assertEquals(Duration.ofSeconds(5), defaults.interval());
        assertTrue(defaults.operators().isEmpty());
        assertNull(defaults.home());

        IotGateway.Settings given = IotGatewayExample.settings(ExampleArgs.parse(new String[] {
            "--connect", "10.0.0.2", "--connect", "10.0.0.3:7000", "--no-lan", "--interval",
            "0.25", "--operator", "00112233445566778899aabbccddeeff"},
                Set.of("--connect", "--interval", "--operator"), Set.of("--no-lan")));
        assertEquals(List.of(PeerAddress.tcp("10.0.0.2", 6666), PeerAddress.tcp("10.0.0.3", 7000)),
                given.connect());
        assertEquals(false, given.lanDiscovery());
        assertEquals(Duration.ofMillis(250), given.interval());
        assertEquals(1, given.operators().size());
    }

    @Test
    void badOptionsAreRefusedWithAMessageThatSaysWhy() {
        assertEquals("unknown option '--colour'; known: --players --ticks",
                assertThrows(IllegalArgumentException.class, () -> ExampleArgs.parse(
                        new String[] {"--colour"}, Set.of("--ticks", "--players"), Set.of()))
                        .getMessage());
        assertEquals("--ticks needs a value", assertThrows(IllegalArgumentException.class,
                () -> ExampleArgs.parse(new String[] {"--ticks"}, Set.of("--ticks"), Set.of()))
                .getMessage());
        ExampleArgs players = ExampleArgs.parse(new String[] {"--players", "9"},
                Set.of("--players"), Set.of());
        assertEquals("--players must be 2-8, not 9", assertThrows(IllegalArgumentException.class,
                () -> players.integer("--players", 4, 2, 8)).getMessage());
    }

    @Test
    void intervalsAreSecondsWithinBounds() {
        assertEquals(Duration.ofMillis(100), Intervals.parse("0.1"));
        assertEquals(Duration.ofHours(1), Intervals.parse("3600"));
        for (String bad : List.of("0.05", "3601", "-1", "fast", "0.0001", "")) {
            assertThrows(IllegalArgumentException.class, () -> Intervals.parse(bad),
                    bad);
        }
    }

    @Test
    void textFromTheNetworkCannotDriveTheTerminal() {
        assertEquals("a\\u001b[2Jb\\u202ec", IotGateway.printable("a\u001b[2Jb\u202ec"));
        assertEquals("grüße 温度", IotGateway.printable("grüße 温度"));
    }
}
