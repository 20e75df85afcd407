package dev.ghostmesh.local;

import dev.ghostmesh.spi.PeerAddress;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.testing.MeshScenarioTest;
import org.junit.jupiter.api.AfterEach;

/** The mesh scenarios over the in-memory transport. */
class LocalMeshScenarioTest extends MeshScenarioTest {
    private final LocalNetwork network = LocalNetwork.create();

    @Override
    protected Transport newTransport(String name) {
        return network.transport(name);
    }

    @Override
    protected PeerAddress addressOf(Transport transport) {
        return ((LocalTransport) transport).address();
    }

    @AfterEach
    void closeNetwork() {
        network.close();
    }
}
