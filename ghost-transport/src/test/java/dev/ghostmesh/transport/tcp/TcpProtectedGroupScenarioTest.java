package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.fixtures.ProtectedGroupScenarioTest;
import dev.ghostmesh.testing.MeshTransports;

/** The password-protected group scenarios over real TCP sockets on the loopback interface. */
class TcpProtectedGroupScenarioTest extends ProtectedGroupScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }
}
