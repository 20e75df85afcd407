package dev.ghostmesh.local;

import dev.ghostmesh.fixtures.PrivateBoxScenarioTest;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTransports;

/** The private-box scenarios on the in-memory transport. */
class LocalPrivateBoxScenarioTest extends PrivateBoxScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new LocalMeshTransports();
    }
}
