package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.fixtures.MalformedFrameScenarioTest;
import dev.ghostmesh.testing.MeshTransports;

/** The malformed-frame scenarios over real TCP sockets on the loopback interface. */
class TcpMalformedFrameScenarioTest extends MalformedFrameScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }
}
