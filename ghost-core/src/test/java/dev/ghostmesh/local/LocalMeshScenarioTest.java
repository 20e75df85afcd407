package dev.ghostmesh.local;

import dev.ghostmesh.testing.MeshScenarioTest;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTransports;

/** The mesh scenarios over the in-memory transport. */
class LocalMeshScenarioTest extends MeshScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new LocalMeshTransports();
    }
}
