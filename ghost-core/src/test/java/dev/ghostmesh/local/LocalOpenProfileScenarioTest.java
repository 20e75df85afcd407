package dev.ghostmesh.local;

import dev.ghostmesh.fixtures.OpenProfileScenarioTest;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTransports;

/** The open-profile scenarios over the in-memory transport. */
class LocalOpenProfileScenarioTest extends OpenProfileScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new LocalMeshTransports();
    }
}
