package dev.ghostmesh.transport.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Interface selection only; nothing is sent. */
class LanInterfacesTest {
    @Test
    void byDefaultEveryUpIpv4InterfaceThatIsNotPointToPointLoopbackIncluded() throws Exception {
        List<NetworkInterface> all = LanInterfaces.resolve(null);
        boolean loopback = false;
        for (NetworkInterface nif : all) {
            loopback |= nif.isLoopback();
            assertTrue(nif.isUp() && !nif.isPointToPoint(), nif.getName());
            assertTrue(nif.inetAddresses().anyMatch(a -> a instanceof Inet4Address),
                    nif.getName());
        }
        assertTrue(loopback, "loopback: " + all);
    }

    @Test
    void namedInterfacesAreUsedAsGiven() throws Exception {
        assertEquals(List.of("lo"),
                LanInterfaces.resolve(List.of("lo")).stream().map(NetworkInterface::getName)
                        .toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LanInterfaces.resolve(List.of("nope0")));
        assertTrue(e.getMessage().matches(
                "no network interface named 'nope0' \\(this host has: .*lo.*\\)"), e.getMessage());
    }
}
