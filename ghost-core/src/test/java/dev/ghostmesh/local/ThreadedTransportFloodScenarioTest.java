package dev.ghostmesh.local;

import dev.ghostmesh.fixtures.FloodAndEavesdropScenarioTest;
import dev.ghostmesh.testing.MeshTransports;

/**
 * The flood and eavesdropping scenarios on a transport that hands frames over from I/O threads
 * of its own: there a flooder can fill the node's intake queue, and must be cut off for it.
 */
class ThreadedTransportFloodScenarioTest extends FloodAndEavesdropScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new ThreadedLocalMeshTransports();
    }
}
