package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.testing.MeshTransports;
import dev.ghostmesh.testing.TopicScenarioTest;

/** The topic scenarios over real TCP sockets on the loopback interface. */
class TcpTopicScenarioTest extends TopicScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }
}
