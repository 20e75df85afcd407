package dev.ghostmesh.local;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.testing.TransportContractTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;

/** The shared transport contract, run against the in-memory transport. */
class LocalTransportContractTest extends TransportContractTest {
    // One network for the class: subclass @AfterEach methods run before the contract's own
    // checks, which need the delivery thread to bring every link down.
    private static final LocalNetwork network = LocalNetwork.create();
    private static final AtomicInteger names = new AtomicInteger();

    @Override
    protected Transport newTransport() {
        return network.transport("node-" + names.incrementAndGet());
    }

    @Override
    protected PeerAddress addressOf(Transport started) {
        return ((LocalTransport) started).address();
    }

    @Override
    protected PeerAddress addressNobodyListensOn() {
        return PeerAddress.local("nobody-" + names.incrementAndGet());
    }

    @AfterAll
    static void closeNetwork() {
        network.close();
    }
}
