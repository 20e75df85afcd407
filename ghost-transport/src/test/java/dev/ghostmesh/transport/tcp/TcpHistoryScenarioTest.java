package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.testing.HistoryScenarioTest;
import dev.ghostmesh.testing.MeshTransports;

/** The history scenarios over real TCP sockets on the loopback interface. */
class TcpHistoryScenarioTest extends HistoryScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }
}
