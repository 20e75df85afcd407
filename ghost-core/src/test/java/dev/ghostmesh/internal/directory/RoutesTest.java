package dev.ghostmesh.internal.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.NodeId;
import org.junit.jupiter.api.Test;

class RoutesTest {
    private static NodeId id() {
        return Identity.generate().id();
    }

    @Test
    void theShortestRouteWinsAndTheNextTakesOverWhenItsLinkCloses() {
        Routes r = new Routes();
        NodeId b = id();
        NodeId c = id();
        assertTrue(r.add(b, 3));
        assertTrue(r.add(c, 2), "shorter: the best changed");
        assertFalse(r.add(b, 4), "longer through the same neighbour: nothing changes");
        assertEquals(c, r.bestVia());
        assertEquals(2, r.bestHops());
        assertTrue(r.remove(c));
        assertEquals(b, r.bestVia());
        assertEquals(3, r.bestHops());
        assertTrue(r.remove(b));
        assertTrue(r.isEmpty());
        assertNull(r.bestVia());
        assertEquals(0, r.bestHops());
        assertFalse(r.remove(b), "already gone");
    }

    @Test
    void keepsTheShortestRoutesWhenFull() {
        Routes r = new Routes();
        NodeId[] far = new NodeId[Routes.MAX];
        for (int i = 0; i < Routes.MAX; i++) {
            far[i] = id();
            r.add(far[i], 5 + i);
        }
        NodeId near = id();
        assertTrue(r.add(near, 2));
        assertFalse(r.add(id(), 9), "longer than every kept route: not kept");
        assertFalse(r.remove(far[Routes.MAX - 1]), "the longest made room for the nearer one");
        assertEquals(near, r.bestVia());
        r.clear();
        assertTrue(r.isEmpty());
    }
}
