package dev.ghostmesh.internal.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeenCacheTest {
    private static final long T0 = 1_780_000_000_000L;

    @Test
    void remembersIdsAndRefusesDuplicates() {
        SeenCache cache = new SeenCache(8, 60_000);
        assertFalse(cache.contains(1, 2, 7, T0));
        assertTrue(cache.add(1, 2, 7, T0));
        assertTrue(cache.contains(1, 2, 7, T0));
        assertFalse(cache.add(1, 2, 7, T0));
        assertFalse(cache.contains(2, 1, 7, T0));
        assertEquals(1, cache.size());
    }

    @Test
    void sameIdFromAnotherOriginIsADifferentEntry() {
        SeenCache cache = new SeenCache(8, 60_000);
        assertTrue(cache.add(1, 2, 100, T0));
        assertFalse(cache.contains(1, 2, 200, T0), "another origin's copy of the id is not seen");
        assertTrue(cache.add(1, 2, 200, T0));
        assertFalse(cache.add(1, 2, 100, T0));
    }

    @Test
    void isBoundedByCountEvictingTheOldest() {
        SeenCache cache = new SeenCache(100, 60_000);
        for (int i = 0; i < 250; i++) {
            cache.add(i, -i, 7, T0);
        }
        assertEquals(100, cache.size());
        assertFalse(cache.contains(149, -149, 7, T0), "old ids must be evicted");
        assertTrue(cache.contains(150, -150, 7, T0));
        assertTrue(cache.contains(249, -249, 7, T0));
    }

    @Test
    void isBoundedByAge() {
        SeenCache cache = new SeenCache(100, 10_000);
        cache.add(1, 1, 7, T0);
        cache.add(2, 2, 7, T0 + 5_000);
        assertTrue(cache.contains(1, 1, 7, T0 + 10_000));
        assertFalse(cache.contains(1, 1, 7, T0 + 11_001), "aged out");
        assertTrue(cache.contains(2, 2, 7, T0 + 11_001));
        assertFalse(cache.contains(2, 2, 7, T0 + 16_001));
        assertEquals(0, cache.size());
    }

    @Test
    void agreesWithAReferenceModelUnderRandomChurn() {
        // Backward-shift deletion is easy to get subtly wrong: compare against a simple model
        // with a tiny id space so collisions and re-adds are frequent.
        Random random = new Random(42);
        int capacity = 64;
        SeenCache cache = new SeenCache(capacity, 3_600_000);
        ArrayDeque<Long> order = new ArrayDeque<>();
        Set<Long> model = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            long id = random.nextInt(300);
            long high = id * 0x9E3779B97F4A7C15L;
            boolean fresh = !model.contains(id);
            assertEquals(fresh, cache.add(high, id, id % 5, T0), "step " + i);
            if (fresh) {
                if (model.size() == capacity) {
                    model.remove(order.removeFirst());
                }
                model.add(id);
                order.addLast(id);
            }
            long probe = random.nextInt(300);
            assertEquals(model.contains(probe),
                    cache.contains(probe * 0x9E3779B97F4A7C15L, probe, probe % 5, T0), "probe at " + i);
        }
    }

    @Test
    void growsFromItsFirstSlotsToItsCapacityKeepingEveryIdThenEvictsTheOldest() {
        int capacity = 3 * SeenCache.INITIAL_SLOTS + 5; // grows three times, the last one short
        SeenCache cache = new SeenCache(capacity, 3_600_000);
        for (int i = 0; i < capacity; i++) {
            assertTrue(cache.add(i, -i, 7, T0), "id " + i);
        }
        assertEquals(capacity, cache.size());
        for (int i = 0; i < capacity; i++) {
            assertTrue(cache.contains(i, -i, 7, T0), "id " + i + " lost while growing");
            assertFalse(cache.add(i, -i, 7, T0), "id " + i + " accepted twice");
        }
        assertTrue(cache.add(capacity, -capacity, 7, T0));
        assertEquals(capacity, cache.size(), "the capacity still bounds it");
        assertFalse(cache.contains(0, 0, 7, T0), "the oldest id is evicted once full");
        assertTrue(cache.contains(1, -1, 7, T0));
    }

    @Test
    void growingAWrappedRingKeepsItsIdsAndAges() {
        SeenCache cache = new SeenCache(4 * SeenCache.INITIAL_SLOTS, 10_000);
        int early = SeenCache.INITIAL_SLOTS - 24;
        for (int i = 0; i < early; i++) {
            cache.add(i, i, 7, T0);
        }
        long later = T0 + 11_000; // the early ids age out, leaving the ring's head near its end
        int fresh = SeenCache.INITIAL_SLOTS + 500; // wraps around, then grows
        for (int i = 0; i < fresh; i++) {
            assertTrue(cache.add(100_000 + i, i, 7, later), "id " + i);
        }
        assertEquals(fresh, cache.size());
        for (int i = 0; i < fresh; i++) {
            assertTrue(cache.contains(100_000 + i, i, 7, later), "id " + i + " lost");
        }
        assertFalse(cache.contains(0, 0, 7, later), "aged-out ids stay gone");
        assertTrue(cache.contains(100_000, 0, 7, later + 10_000));
        assertFalse(cache.contains(100_000, 0, 7, later + 11_001), "ages survive growing");
    }

    @Test
    void agreesWithAReferenceModelWhileGrowingAndAtCapacity() {
        Random random = new Random(7);
        int capacity = 2 * SeenCache.INITIAL_SLOTS + 300;
        SeenCache cache = new SeenCache(capacity, 3_600_000);
        ArrayDeque<Long> order = new ArrayDeque<>();
        Set<Long> model = new HashSet<>();
        for (int i = 0; i < 60_000; i++) {
            long id = random.nextInt(3 * capacity);
            boolean fresh = !model.contains(id);
            assertEquals(fresh, cache.add(id * 0x9E3779B97F4A7C15L, id, 3, T0), "step " + i);
            if (fresh) {
                if (model.size() == capacity) {
                    model.remove(order.removeFirst());
                }
                model.add(id);
                order.addLast(id);
            }
            long probe = random.nextInt(3 * capacity);
            assertEquals(model.contains(probe),
                    cache.contains(probe * 0x9E3779B97F4A7C15L, probe, 3, T0), "probe at " + i);
        }
    }

    @Test
    void startsSmallTakesAtMost40BytesPerEntryWhenFullAndThenAddingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int capacity = 1 << 20;
        long before = threads.getCurrentThreadAllocatedBytes();
        SeenCache cache = new SeenCache(capacity, 600_000);
        long afterCreate = threads.getCurrentThreadAllocatedBytes();
        assertTrue(afterCreate - before < 64 * 1024,
                "an empty cache allocated " + (afterCreate - before) + " bytes");
        Random random = new Random(1);
        for (int i = 0; i < capacity / 2; i++) {
            cache.add(random.nextLong(), random.nextLong(), 7, T0);
        }
        // The ring is full at half the capacity: the next add allocates the full-size arrays.
        long beforeLastGrowth = threads.getCurrentThreadAllocatedBytes();
        cache.add(random.nextLong(), random.nextLong(), 7, T0);
        long afterLastGrowth = threads.getCurrentThreadAllocatedBytes();
        double perEntry = (double) (afterLastGrowth - beforeLastGrowth) / capacity;
        for (int i = 0; i < capacity * 2; i++) {
            cache.add(random.nextLong(), random.nextLong(), 7, T0);
        }
        long afterFill = threads.getCurrentThreadAllocatedBytes();
        System.out.printf("seen cache: %.1f bytes per entry at capacity %d%n", perEntry, capacity);
        assertTrue(perEntry <= 40, "bytes per entry: " + perEntry);
        assertEquals(capacity, cache.size());
        // Random.nextLong and the loop allocate nothing either; allow a little JIT noise.
        assertTrue(afterFill - afterLastGrowth < 64 * 1024,
                "adding ids allocated " + (afterFill - afterLastGrowth) + " bytes");
    }
}
