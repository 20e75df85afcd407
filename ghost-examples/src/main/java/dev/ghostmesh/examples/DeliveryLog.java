package dev.ghostmesh.examples;

import dev.ghostmesh.MeshListener;
import dev.ghostmesh.Message;
import dev.ghostmesh.NodeInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * What the {@link LocalMeshExample}'s nodes hear: who knows whom, and when and over how many
 * hops each broadcast reached each node.
 *
 * <p>Threading: every node's listener runs on one shared listener executor, so the callbacks
 * are confined to that thread. The main thread reads the arrays only after the latches, or
 * after a task it queued behind the callbacks has run, which orders those reads after them.
 */
final class DeliveryLog {
    private final int nodes;
    private final Map<String, Integer> messageByText = new HashMap<>();
    private final int[] known;
    private final long[][] arrivalNanos;
    private final int[][] hops;
    private long duplicatesShown;
    private final CountDownLatch meshFormed;
    private final CountDownLatch allDelivered;

    DeliveryLog(int nodes, int messages) {
        this.nodes = nodes;
        this.known = new int[nodes];
        this.arrivalNanos = new long[messages][nodes];
        this.hops = new int[messages][nodes];
        this.meshFormed = new CountDownLatch(nodes);
        this.allDelivered = new CountDownLatch(messages * (nodes - 1));
        for (int m = 0; m < messages; m++) {
            messageByText.put(text(m), m);
        }
    }

    /** The text of broadcast {@code m}: unique, so a delivery tells which one arrived. */
    static String text(int m) {
        return "broadcast " + m;
    }

    MeshListener listenerFor(int node) {
        return new MeshListener() {
            @Override
            public void onNodeDiscovered(NodeInfo other) {
                if (++known[node] == nodes - 1) {
                    meshFormed.countDown();
                }
            }

            @Override
            public void onMessage(Message message) {
                Integer m = messageByText.get(message.text());
                if (m == null) {
                    return;
                }
                if (arrivalNanos[m][node] != 0) {
                    duplicatesShown++; // flooding must never show one message twice
                    return;
                }
                arrivalNanos[m][node] = System.nanoTime();
                hops[m][node] = message.hops();
                allDelivered.countDown();
            }
        };
    }

    CountDownLatch meshFormed() {
        return meshFormed;
    }

    CountDownLatch allDelivered() {
        return allDelivered;
    }

    /** Nodes that know every other node. */
    long nodesKnowingAll() {
        return nodes - meshFormed.getCount();
    }

    /** When broadcast {@code m} reached {@code node} (System.nanoTime), 0 if it did not. */
    long arrivalNanos(int m, int node) {
        return arrivalNanos[m][node];
    }

    int hops(int m, int node) {
        return hops[m][node];
    }

    long duplicatesShown() {
        return duplicatesShown;
    }
}
