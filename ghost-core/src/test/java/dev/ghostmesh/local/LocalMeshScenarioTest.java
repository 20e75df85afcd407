package dev.ghostmesh.local;

import dev.ghostmesh.spi.PeerAddress;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.testing.MeshScenarioTest;
import org.junit.jupiter.api.AfterAll;

/** The mesh scenarios over the in-memory transport. */
class LocalMeshScenarioTest extends MeshScenarioTest {
    // One network for the class: subclass @AfterEach methods would run before the scenarios
    // close their nodes, and the nodes' goodbyes need the delivery thread.
    private static final LocalNetwork network = LocalNetwork.create();

    @Override
    protected Transport newTransport(String name) {
        return network.transport(name);
    }

    @Override
    protected PeerAddress addressOf(Transport transport) {
        return ((LocalTransport) transport).address();
    }

    @AfterAll
    static void closeNetwork() {
        network.close();
    }
}
