package dev.ghostmesh.local;

import dev.ghostmesh.testing.FloodAndEavesdropScenarioTest;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTransports;

/** The flood and eavesdropping scenarios on the in-memory transport. */
class LocalFloodAndEavesdropScenarioTest extends FloodAndEavesdropScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new LocalMeshTransports();
    }
}
