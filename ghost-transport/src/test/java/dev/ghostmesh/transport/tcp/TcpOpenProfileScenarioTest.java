package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.fixtures.OpenProfileScenarioTest;
import dev.ghostmesh.testing.MeshTransports;

/** The open-profile scenarios over real TCP sockets on the loopback interface. */
class TcpOpenProfileScenarioTest extends OpenProfileScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }
}
