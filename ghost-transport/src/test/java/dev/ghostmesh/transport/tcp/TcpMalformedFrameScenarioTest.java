package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.testing.MeshTransports;
import dev.ghostmesh.testing.MalformedFrameScenarioTest;

/** The malformed-frame scenarios over real TCP sockets on the loopback interface. */
class TcpMalformedFrameScenarioTest extends MalformedFrameScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }
}
