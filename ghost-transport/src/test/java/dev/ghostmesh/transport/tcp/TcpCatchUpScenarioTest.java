package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.testing.CatchUpScenarioTest;
import dev.ghostmesh.testing.MeshTransports;

/** The catch-up scenarios over real TCP sockets on the loopback interface. */
class TcpCatchUpScenarioTest extends CatchUpScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }
}
