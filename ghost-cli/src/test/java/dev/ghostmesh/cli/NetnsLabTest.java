package dev.ghostmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The multi-host fixture itself: what it builds, and that nothing of it survives. */
class NetnsLabTest {
    @BeforeEach
    void needsNamespaces() {
        String why = NetnsLab.unavailableReason();
        assumeTrue(why == null, why);
    }

    private static List<String> namespaces(String prefix) {
        return NetnsLab.exec(List.of("ip", "netns", "list")).output().lines()
                .map(l -> l.split("\\s+")[0]).filter(n -> n.startsWith(prefix)).toList();
    }

    @Test
    void buildsHostsOnABridgeAndRemovesEverythingOnClose() {
        NetnsLab lab = NetnsLab.create();
        try (lab) {
            NetnsLab.Segment lan = lab.segment();
            NetnsLab.Host a = lab.host("a", lan);
            NetnsLab.Host b = lab.host("b", lan);
            assertEquals(3, namespaces(lab.id() + "-").size());
            assertTrue(a.ip().startsWith(lan.subnetPrefix()) && !a.ip().equals(b.ip()));
            String addr = NetnsLab.exec(NetnsLab.inside(a, List.of("ip", "-4", "addr", "show",
                    "dev", "gt0"))).output();
            assertTrue(addr.contains(a.ip() + "/24") && addr.contains("UP"), addr);
            String routes = NetnsLab.exec(NetnsLab.inside(a, List.of("ip", "route"))).output();
            assertTrue(routes.contains("224.0.0.0/4 dev gt0"), routes);
        }
        assertEquals(List.of(), namespaces(lab.id() + "-"));
        lab.close(); // idempotent
    }

    @Test
    void aFailedSetupStepRemovesWhatWasBuilt() {
        NetnsLab lab = NetnsLab.create();
        NetnsLab.Host a = lab.host("a", lab.segment());
        NetnsLab.Host c = lab.host("c", lab.segment());
        assertThrows(IllegalArgumentException.class, () -> lab.route(a, c)); // no shared segment
        assertEquals(List.of(), namespaces(lab.id() + "-"));
    }

    @Test
    void leftoversOfADeadRunAreRemovedByTheNextLab() {
        long dead = Long.MAX_VALUE / 2; // no such process
        String stale = NetnsLab.PREFIX + dead + "-x0-hub";
        assertEquals(0, NetnsLab.exec(List.of("ip", "netns", "add", stale)).code());
        try (NetnsLab lab = NetnsLab.create()) {
            assertEquals(List.of(), namespaces(stale));
            assertEquals(1, namespaces(lab.id() + "-").size());
        } finally {
            NetnsLab.exec(List.of("ip", "netns", "del", stale));
        }
    }
}
