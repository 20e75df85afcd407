package dev.ghostmesh.local;

import dev.ghostmesh.fixtures.MalformedFrameScenarioTest;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTransports;

/** The malformed-frame scenarios on the in-memory transport. */
class LocalMalformedFrameScenarioTest extends MalformedFrameScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new LocalMeshTransports();
    }
}
