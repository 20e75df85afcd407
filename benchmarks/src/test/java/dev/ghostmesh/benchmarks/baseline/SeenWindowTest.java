package dev.ghostmesh.benchmarks.baseline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeenWindowTest {

    @Test
    void eachIdIsFirstSeenOnceInOrderOrNot() {
        SeenWindow seen = new SeenWindow();
        assertTrue(seen.firstSight(0));
        assertFalse(seen.firstSight(0));
        assertTrue(seen.firstSight(5));
        assertTrue(seen.firstSight(3), "a late id inside the window is still new");
        assertFalse(seen.firstSight(3));
        assertFalse(seen.firstSight(5));
        assertTrue(seen.firstSight(4));
    }

    @Test
    void slotsReusedAfterAWrapAreNewAgain() {
        SeenWindow seen = new SeenWindow();
        for (long id = 0; id < 3L * SeenWindow.IDS; id++) {
            assertTrue(seen.firstSight(id), "id " + id);
            assertFalse(seen.firstSight(id), "echo of id " + id);
        }
    }

    @Test
    void idsOlderThanTheWindowCountAsSeen() {
        SeenWindow seen = new SeenWindow();
        assertTrue(seen.firstSight(SeenWindow.IDS + 10L));
        assertFalse(seen.firstSight(10), "too old to tell: treated as seen");
        assertTrue(seen.firstSight(11), "just inside the window");
        assertFalse(seen.firstSight(-1));
        assertTrue(seen.firstSight(5L * SeenWindow.IDS), "a jump past the window clears it");
        assertTrue(seen.firstSight(4L * SeenWindow.IDS + 11), "inside the new window");
    }
}
