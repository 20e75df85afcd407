package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.testing.MeshTransports;
import dev.ghostmesh.testing.OpenProfileScenarioTest;

/** The open-profile scenarios over real TCP sockets on the loopback interface. */
class TcpOpenProfileScenarioTest extends OpenProfileScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }
}
