package dev.ghostmesh.local;

import dev.ghostmesh.testing.GroupScenarioTest;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTransports;

/** The group scenarios over the in-memory transport. */
class LocalGroupScenarioTest extends GroupScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new LocalMeshTransports();
    }
}
