package dev.ghostmesh.local;

import dev.ghostmesh.testing.ChatOverTopicsScenarioTest;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTransports;

/** The chat-over-topics scenarios over the in-memory transport. */
class LocalChatOverTopicsScenarioTest extends ChatOverTopicsScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new LocalMeshTransports();
    }
}
