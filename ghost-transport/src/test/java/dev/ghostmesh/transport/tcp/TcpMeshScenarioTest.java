package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.testing.MeshScenarioTest;
import dev.ghostmesh.testing.MeshTransports;

/** The mesh scenarios over real TCP sockets on the loopback interface. */
class TcpMeshScenarioTest extends MeshScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }
}
