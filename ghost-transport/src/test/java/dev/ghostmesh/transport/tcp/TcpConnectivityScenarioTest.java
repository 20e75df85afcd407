package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.testing.ConnectivityScenarioTest;
import dev.ghostmesh.testing.MeshTransports;

/** The connectivity scenarios over real TCP sockets on the loopback interface. */
class TcpConnectivityScenarioTest extends ConnectivityScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }
}
