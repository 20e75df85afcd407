package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.spi.PeerAddress;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.testing.MeshTransports;

/** Mesh tests on real TCP sockets bound to the loopback interface, on ephemeral ports. */
final class TcpMeshTransports implements MeshTransports {
    @Override
    public Transport newTransport(String name) {
        return TcpTransport.builder().port(0).bindAddress("127.0.0.1").build();
    }

    @Override
    public PeerAddress addressOf(Transport started) {
        return new PeerAddress("127.0.0.1", started.listenAddresses().get(0).port());
    }
}
