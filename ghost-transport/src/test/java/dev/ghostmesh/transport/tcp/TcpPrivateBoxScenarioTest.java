package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.testing.MeshTransports;
import dev.ghostmesh.testing.PrivateBoxScenarioTest;

/** The private-box scenarios over real TCP sockets on the loopback interface. */
class TcpPrivateBoxScenarioTest extends PrivateBoxScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }
}
