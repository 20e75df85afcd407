package dev.ghostmesh.local;

import dev.ghostmesh.testing.HistoryScenarioTest;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTransports;

/** The history scenarios over the in-memory transport. */
class LocalHistoryScenarioTest extends HistoryScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new LocalMeshTransports();
    }
}
