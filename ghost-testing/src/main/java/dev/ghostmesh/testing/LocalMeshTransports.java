package dev.ghostmesh.testing;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.local.LocalNetwork;
import dev.ghostmesh.local.LocalTransport;
import dev.ghostmesh.spi.Transport;

/**
 * Mesh tests on a private in-memory network ({@link LocalNetwork}), closed after the test's
 * nodes: the reference a transport's own {@link MeshTransports} can be compared with.
 *
 * <p>Threading: as {@link MeshTransports}; the network itself is thread-safe.
 */
public final class LocalMeshTransports implements MeshTransports {
    private final LocalNetwork network = LocalNetwork.create();

    /** Transports on a network of their own. */
    public LocalMeshTransports() {}

    @Override
    public Transport newTransport(String name) {
        return network.transport(name);
    }

    @Override
    public Transport restartedAt(String name, Transport previous) {
        return network.transport(((LocalTransport) previous).name());
    }

    @Override
    public PeerAddress addressOf(Transport started) {
        return ((LocalTransport) started).address();
    }

    /** The network, for tests that attach raw endpoints to it. */
    public LocalNetwork network() {
        return network;
    }

    @Override
    public void close() {
        network.close();
    }
}
