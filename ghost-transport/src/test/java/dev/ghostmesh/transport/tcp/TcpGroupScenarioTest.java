package dev.ghostmesh.transport.tcp;

import dev.ghostmesh.spi.PeerAddress;
import dev.ghostmesh.spi.Transport;
import dev.ghostmesh.testing.GroupScenarioTest;

/** The group scenarios over real TCP sockets on the loopback interface. */
class TcpGroupScenarioTest extends GroupScenarioTest {
    @Override
    protected Transport newTransport(String name) {
        return TcpTransport.builder().port(0).bindAddress("127.0.0.1").build();
    }

    @Override
    protected PeerAddress addressOf(Transport transport) {
        return new PeerAddress("127.0.0.1", transport.listenAddresses().get(0).port());
    }
}
