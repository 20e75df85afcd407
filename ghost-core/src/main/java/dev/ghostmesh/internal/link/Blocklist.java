package dev.ghostmesh.internal.link;

import dev.ghostmesh.NodeId;
import dev.ghostmesh.spi.MeshClock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The nodes this node will not link to, and why: those the user disconnected from (refused
 * until the user connects to them again, or their own auto-connect would undo the disconnect at
 * once), and those serving a ban for flooding (until the ban ends). The connector and the rate
 * limits write it; link admission reads it. Each table is bounded, least recently used dropped.
 *
 * <p>Threading: confined to the node's loop.
 */
public final class Blocklist {
    private final MeshClock clock;
    private final Map<NodeId, Boolean> refused;
    /** Monotonic time each ban ends. */
    private final Map<NodeId, Long> bans;

    public Blocklist(MeshClock clock, int bound) {
        this.clock = clock;
        this.refused = lru(bound);
        this.bans = lru(bound);
    }

    /** The user disconnected from {@code id}: refuse its links until {@link #allow}. */
    void refuse(NodeId id) {
        refused.put(id, Boolean.TRUE);
    }

    /** The user asked for {@code id} explicitly again. */
    void allow(NodeId id) {
        refused.remove(id);
    }

    /** True if the user disconnected from {@code id} and has not connected to it since. */
    public boolean refuses(NodeId id) {
        return refused.containsKey(id);
    }

    /** Bans {@code id} for {@code nanos} from now. */
    void ban(NodeId id, long nanos) {
        bans.put(id, clock.nanoTime() + nanos);
    }

    /** True while {@code id} is serving a ban for flooding. */
    public boolean banned(NodeId id) {
        Long until = bans.get(id);
        if (until == null) {
            return false;
        }
        if (clock.nanoTime() - until > 0) {
            bans.remove(id);
            return false;
        }
        return true;
    }

    private static <K, V> Map<K, V> lru(int bound) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > bound;
            }
        };
    }
}
