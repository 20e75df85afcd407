package dev.ghostmesh.local;

import dev.ghostmesh.fixtures.FloodAndEavesdropScenarioTest;
import dev.ghostmesh.testing.LocalMeshTransports;
import dev.ghostmesh.testing.MeshTransports;

/** The flood and eavesdropping scenarios on the in-memory transport. */
class LocalFloodAndEavesdropScenarioTest extends FloodAndEavesdropScenarioTest {
    @Override
    protected MeshTransports transports() {
        return new LocalMeshTransports();
    }

    /**
     * The in-memory transport delivers on the receiving node's loop: a frame is handled when
     * it arrives, and the sender's bounded in-flight bytes are the only queue, so a flooder
     * meets the rate limit, never a full intake queue.
     */
    @Override
    protected boolean framesWaitInAnIntakeQueue() {
        return false;
    }
}
