package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.fixtures.FloodAndEavesdropScenarioTest;
import dev.ghostmesh.testing.MeshTransports;

/** The flood and eavesdropping scenarios over real TCP sockets on the loopback interface. */
class TcpFloodAndEavesdropScenarioTest extends FloodAndEavesdropScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new TcpMeshTransports();
    }

    /**
     * The TCP transport reads on the node's loop: a frame is handled as it is read, and the
     * socket's buffers are the only queue, so a flooder meets the rate limit.
     */
    @Override
    protected boolean framesWaitInAnIntakeQueue() {
        return false;
    }
}
