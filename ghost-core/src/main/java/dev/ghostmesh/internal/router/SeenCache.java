package dev.ghostmesh.internal.router;

/**
 * The message ids this node has seen, bounded by count and by age; ids only, never bodies.
 *
 * <p>An entry is the 16-byte message id plus an 8-byte tag of its origin (the first 8 bytes of
 * the origin's node id). Without the tag, a relay that sees a packet could race a copy of its
 * id, signed with the relay's own key, ahead of it along other paths, and every node would then
 * drop the genuine packet as a duplicate; forging a tag needs a key whose id has a chosen 64-bit
 * prefix.
 *
 * <p>Layout, chosen to stay under 40 bytes per entry with no per-entry objects: a ring of
 * {@code capacity} slots in insertion order (three longs for id and tag, an int of seconds for
 * its age) and an open-addressing index of ints at load factor at most 0.5 that points into the
 * ring. The oldest id is evicted when the ring is full or when it has aged out. Measured per
 * entry by {@code SeenCacheTest} and the JMH benchmarks; see PROTOCOL.md.
 *
 * <p>The arrays start at {@value #INITIAL_SLOTS} slots and double as ids arrive, up to the
 * capacity: a full-size cache is about 4.5 MiB at the default capacity, and a mostly idle node
 * (a chat client, or one of a hundred nodes in a simulation) should not hold that up front.
 *
 * <p>Threading: not thread-safe; owned by the node thread.
 */
public final class SeenCache {
    /** Slots the ring starts with; it doubles when full, up to {@link #capacity()}. */
    static final int INITIAL_SLOTS = 1024;

    private final int capacity;
    private final long maxAgeSeconds;
    /** Slots allocated now: at most {@code capacity}, so an idle node holds only a little. */
    private int slots;
    private long[] idHigh;
    private long[] idLow;
    private long[] originTag;
    private int[] seenAt;
    private int[] index;
    private int indexMask;
    private final long salt = new java.security.SecureRandom().nextLong();
    private long baseMillis = Long.MIN_VALUE;
    private int head;
    private int size;

    /**
     * @param capacity most ids remembered
     * @param maxAgeMillis ids older than this are forgotten (resolution: one second)
     */
    public SeenCache(int capacity, long maxAgeMillis) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        this.maxAgeSeconds = Math.max(1, maxAgeMillis / 1000);
        allocate(Math.min(capacity, INITIAL_SLOTS));
    }

    /** True if the id was added and has neither aged out nor been evicted. */
    public boolean contains(long high, long low, long tag, long nowMillis) {
        expire(nowMillis);
        return find(high, low, tag) >= 0;
    }

    /**
     * Remembers an id; returns false (changing nothing) if it was already remembered. Evicts the
     * oldest id when full.
     */
    public boolean add(long high, long low, long tag, long nowMillis) {
        expire(nowMillis);
        if (find(high, low, tag) >= 0) {
            return false;
        }
        if (size == capacity) {
            evictOldest();
        } else if (size == slots) {
            grow();
        }
        int slot = (head + size) % slots;
        idHigh[slot] = high;
        idLow[slot] = low;
        originTag[slot] = tag;
        seenAt[slot] = seconds(nowMillis);
        size++;
        int i = bucket(high, low, tag);
        while (index[i] != 0) {
            i = (i + 1) & indexMask;
        }
        index[i] = slot + 1;
        return true;
    }

    /** Ids currently remembered. */
    public int size() {
        return size;
    }

    /** Most ids remembered. */
    public int capacity() {
        return capacity;
    }

    private void expire(long nowMillis) {
        int now = seconds(nowMillis);
        while (size > 0 && now - seenAt[head] > maxAgeSeconds) {
            evictOldest();
        }
    }

    private void evictOldest() {
        removeFromIndex(head);
        head = (head + 1) % slots;
        size--;
    }

    /**
     * Doubles the ring (up to the capacity), moving the ids to its start in the same order, and
     * rebuilds the index for it. Amortised over the adds that filled the ring, so an add stays
     * O(1); the full-size arrays exist only once a node has seen that many ids.
     */
    private void grow() {
        long[] oldHigh = idHigh;
        long[] oldLow = idLow;
        long[] oldTag = originTag;
        int[] oldSeenAt = seenAt;
        int oldSlots = slots;
        allocate((int) Math.min(capacity, 2L * slots));
        for (int k = 0; k < size; k++) {
            int from = (head + k) % oldSlots;
            idHigh[k] = oldHigh[from];
            idLow[k] = oldLow[from];
            originTag[k] = oldTag[from];
            seenAt[k] = oldSeenAt[from];
            int i = bucket(idHigh[k], idLow[k], originTag[k]);
            while (index[i] != 0) {
                i = (i + 1) & indexMask;
            }
            index[i] = k + 1;
        }
        head = 0;
    }

    /** Fresh, empty arrays for {@code n} slots, with an index at load factor at most 0.5. */
    private void allocate(int n) {
        slots = n;
        idHigh = new long[n];
        idLow = new long[n];
        originTag = new long[n];
        seenAt = new int[n];
        int indexSize = Integer.highestOneBit(Math.max(2, n - 1)) << 2;
        index = new int[indexSize];
        indexMask = indexSize - 1;
    }

    /** Index position of the id, or -1. */
    private int find(long high, long low, long tag) {
        int i = bucket(high, low, tag);
        int slot1;
        while ((slot1 = index[i]) != 0) {
            int slot = slot1 - 1;
            if (idHigh[slot] == high && idLow[slot] == low && originTag[slot] == tag) {
                return i;
            }
            i = (i + 1) & indexMask;
        }
        return -1;
    }

    /** Linear-probing delete with backward shift, so lookups never need tombstones. */
    private void removeFromIndex(int slot) {
        int i = bucket(idHigh[slot], idLow[slot], originTag[slot]);
        while (index[i] != slot + 1) {
            i = (i + 1) & indexMask;
        }
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & indexMask;
            int moving = index[j];
            if (moving == 0) {
                break;
            }
            int home = bucket(idHigh[moving - 1], idLow[moving - 1], originTag[moving - 1]);
            // Move the entry back if its home is not cyclically within (hole, j].
            boolean stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!stays) {
                index[hole] = moving;
                hole = j;
            }
        }
        index[hole] = 0;
    }

    private int bucket(long high, long low, long tag) {
        // Ids are random, but a hostile origin may pick (and sign) them: a per-instance secret
        // salt keeps it from precomputing ids that pile into one long probe chain.
        long h = (high ^ salt) * 0x9E3779B97F4A7C15L;
        h = (h ^ Long.rotateLeft(low, 31) ^ (h >>> 29)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ tag ^ (h >>> 31)) * 0x94D049BB133111EBL;
        return (int) (h >>> 32) & indexMask;
    }

    private int seconds(long nowMillis) {
        if (baseMillis == Long.MIN_VALUE) {
            baseMillis = nowMillis;
        }
        return (int) ((nowMillis - baseMillis) / 1000);
    }
}
