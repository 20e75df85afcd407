package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.fixtures.AdversaryScenarioTest;
import dev.ghostmesh.testing.MeshTransports;

/** The adversary scenarios over real TCP sockets on the loopback interface. */
class TcpAdversaryScenarioTest extends AdversaryScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }
}
