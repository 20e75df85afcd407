package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.testing.GroupScenarioTest;
import dev.ghostmesh.testing.MeshTransports;

/** The group scenarios over real TCP sockets on the loopback interface. */
class TcpGroupScenarioTest extends GroupScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }
}
