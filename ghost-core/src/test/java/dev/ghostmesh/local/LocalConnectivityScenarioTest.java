package dev.ghostmesh.local;

import dev.ghostmesh.testing.ConnectivityScenarioTest;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTransports;

/** The connectivity scenarios over the in-memory transport. */
class LocalConnectivityScenarioTest extends ConnectivityScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new LocalMeshTransports();
    }
}
