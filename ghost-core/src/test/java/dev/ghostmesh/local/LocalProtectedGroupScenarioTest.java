package dev.ghostmesh.local;

import dev.ghostmesh.fixtures.ProtectedGroupScenarioTest;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTransports;

/** The password-protected group scenarios over the in-memory transport. */
class LocalProtectedGroupScenarioTest extends ProtectedGroupScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new LocalMeshTransports();
    }
}
