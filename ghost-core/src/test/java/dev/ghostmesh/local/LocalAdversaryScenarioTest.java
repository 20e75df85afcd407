package dev.ghostmesh.local;

import dev.ghostmesh.fixtures.AdversaryScenarioTest;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTransports;

/** The adversary scenarios on the in-memory transport. */
class LocalAdversaryScenarioTest extends AdversaryScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new LocalMeshTransports();
    }
}
