package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.testing.FloodAndEavesdropScenarioTest;
import dev.ghostmesh.testing.MeshTransports;

/** The flood and eavesdropping scenarios over real TCP sockets on the loopback interface. */
class TcpFloodAndEavesdropScenarioTest extends FloodAndEavesdropScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }
}
