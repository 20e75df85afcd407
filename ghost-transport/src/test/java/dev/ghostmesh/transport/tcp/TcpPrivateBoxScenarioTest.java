package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.fixtures.PrivateBoxScenarioTest;
import dev.ghostmesh.testing.MeshTransports;

/** The private-box scenarios over real TCP sockets on the loopback interface. */
class TcpPrivateBoxScenarioTest extends PrivateBoxScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }
}
