package dev.ghostmesh.local;

import dev.ghostmesh.testing.CatchUpScenarioTest;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTransports;

/** The catch-up scenarios over the in-memory transport. */
class LocalCatchUpScenarioTest extends CatchUpScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new LocalMeshTransports();
    }
}
