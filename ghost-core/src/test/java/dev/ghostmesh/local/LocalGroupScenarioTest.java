package dev.ghostmesh.local;

import dev.ghostmesh.spi.PeerAddress;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.testing.GroupScenarioTest;
import org.junit.jupiter.api.AfterAll;

/** The group scenarios over the in-memory transport. */
class LocalGroupScenarioTest extends GroupScenarioTest {
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
