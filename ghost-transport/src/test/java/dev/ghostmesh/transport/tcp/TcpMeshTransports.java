package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.testing.MeshTransports;

/** Mesh tests on real TCP sockets bound to the loopback interface, on ephemeral ports. */
final class TcpMeshTransports implements MeshTransports {
    @Override
    public Transport newTransport(String name) {
        return TcpTransport.builder().port(0).bindAddress("127.0.0.1").build();
    }

    @Override
    public Transport restartedAt(String name, Transport previous) {
        return TcpTransport.builder().port(lastPort(previous)).bindAddress("127.0.0.1").build();
    }

    private final java.util.Map<Transport, Integer> ports = new java.util.IdentityHashMap<>();

    private int lastPort(Transport previous) {
        Integer port = ports.get(previous);
        if (port == null) {
            throw new IllegalStateException("address of the previous transport never asked");
        }
        return port;
    }

    @Override
    public PeerAddress addressOf(Transport started) {
        // A closed transport no longer reports its port: remember it for restarts.
        int port = started.listenAddresses().isEmpty() ? lastPort(started)
                : started.listenAddresses().get(0).port();
        ports.put(started, port);
        return PeerAddress.tcp("127.0.0.1", port);
    }
}
