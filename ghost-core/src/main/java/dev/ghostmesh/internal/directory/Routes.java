package dev.ghostmesh.internal.directory;

import dev.ghostmesh.NodeId;
import java.util.Arrays;

/**
 * The ways one node's latest announce reached this node: for each neighbour a copy of it arrived
 * through, the hops that copy had travelled. Flooding brings a copy over every link that leads
 * to the node, so when one link closes the next best route is already known and the directory
 * can show it at once, instead of a route through a link that no longer exists.
 *
 * <p>Bounded to {@link #MAX} routes, the shortest kept: a node with more links than that and
 * all of the kept ones closed shows as unreachable until its next announce (one interval), which
 * is rare enough not to be worth a table per link per node (4,096 nodes × 128 links).
 *
 * <p>Threading: confined to the node thread.
 */
final class Routes {
    static final int MAX = 4;

    private final NodeId[] via = new NodeId[MAX];
    private final int[] hops = new int[MAX];
    private int size;

    /** Forgets every route: a newer announce arrived, older copies say nothing about now. */
    void clear() {
        Arrays.fill(via, null);
        size = 0;
    }

    /**
     * Notes that a copy arrived through {@code neighbour} after {@code hopCount} hops; keeps the
     * shorter of two routes through one neighbour. Returns true if the best route changed.
     */
    boolean add(NodeId neighbour, int hopCount) {
        int before = best();
        int beforeHops = before < 0 ? 0 : hops[before];
        NodeId beforeVia = before < 0 ? null : via[before];
        int i = indexOf(neighbour);
        if (i >= 0) {
            hops[i] = Math.min(hops[i], hopCount);
        } else if (size < MAX) {
            via[size] = neighbour;
            hops[size] = hopCount;
            size++;
        } else {
            int worst = 0;
            for (int j = 1; j < size; j++) {
                if (hops[j] > hops[worst]) {
                    worst = j;
                }
            }
            if (hopCount >= hops[worst]) {
                return false;
            }
            via[worst] = neighbour;
            hops[worst] = hopCount;
        }
        int after = best();
        return !via[after].equals(beforeVia) || beforeHops != hops[after];
    }

    /** Drops the route through {@code neighbour} (its link closed); true if there was one. */
    boolean remove(NodeId neighbour) {
        int i = indexOf(neighbour);
        if (i < 0) {
            return false;
        }
        size--;
        via[i] = via[size];
        hops[i] = hops[size];
        via[size] = null;
        return true;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The neighbour of the shortest route; null if there is none. */
    NodeId bestVia() {
        int b = best();
        return b < 0 ? null : via[b];
    }

    /** The hops of the shortest route; 0 if there is none. */
    int bestHops() {
        int b = best();
        return b < 0 ? 0 : hops[b];
    }

    /** The hops of the route through {@code neighbour}; 0 if none is kept. */
    int hopsVia(NodeId neighbour) {
        int i = indexOf(neighbour);
        return i < 0 ? 0 : hops[i];
    }

    /** Index of the shortest route, the earliest learned on a tie (so it does not flap). */
    private int best() {
        int b = -1;
        for (int i = 0; i < size; i++) {
            if (b < 0 || hops[i] < hops[b]) {
                b = i;
            }
        }
        return b;
    }

    private int indexOf(NodeId neighbour) {
        for (int i = 0; i < size; i++) {
            if (via[i].equals(neighbour)) {
                return i;
            }
        }
        return -1;
    }
}
