package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.testing.TransportContractTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The shared transport contract, run against TCP on the loopback interface. */
class TcpTransportContractTest extends TransportContractTest {
    @Override
    protected Transport newTransport() {
        return TcpTransport.builder().port(0).bindAddress("127.0.0.1").build();
    }

    @Override
    protected PeerAddress addressOf(Transport started) {
        return PeerAddress.tcp("127.0.0.1", started.listenAddresses().get(0).port());
    }

    @Override
    protected PeerAddress addressNobodyListensOn() throws IOException {
        // A port the kernel just handed out and took back: nothing listens there.
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return PeerAddress.tcp("127.0.0.1", s.getLocalPort());
        }
    }
}
