package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.testing.ChatOverTopicsScenarioTest;
import dev.ghostmesh.testing.MeshTransports;

/** The chat-over-topics scenarios over real TCP sockets on the loopback interface. */
class TcpChatOverTopicsScenarioTest extends ChatOverTopicsScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }
}
