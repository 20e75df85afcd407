package dev.ghostmesh.local;

import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTransports;
import dev.ghostmesh.testing.TopicScenarioTest;

/** The topic scenarios over the in-memory transport. */
class LocalTopicScenarioTest extends TopicScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new LocalMeshTransports();
    }
}
