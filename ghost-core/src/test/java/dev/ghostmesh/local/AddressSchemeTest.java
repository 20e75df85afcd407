package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ghostmesh.MeshNode;
import dev.ghostmesh.NodeInfo;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each address names its transport: nodes dial only what a registered transport claims. */
class AddressSchemeTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void dialingASchemeNoTransportClaimsFailsNamingTheScheme() throws Exception {
        try (LocalNetwork net = LocalNetwork.create();
                MeshNode a = MeshNode.builder().transport(net.transport("a")).build()) {
            a.start();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> a.connect(PeerAddress.tcp("a", 1)).get(5, TimeUnit.SECONDS));
            assertEquals("cannot connect to tcp:a:1: no transport for 'tcp' addresses is"
                    + " registered on this node", e.getCause().getMessage());
            // Kept like any address given to connect, and its failure says the same.
            Await.until(WAIT, () -> a.connections().get(0).lastError().isPresent(),
                    "the failure recorded");
            assertEquals("no transport for 'tcp' addresses is registered on this node",
                    a.connections().get(0).lastError().orElseThrow());
        }
    }

    @Test
    void nodesAnnounceAndLearnLocalAddresses() throws Exception {
        try (LocalNetwork net = LocalNetwork.create();
                MeshNode a = MeshNode.builder().transport(net.transport("a")).build();
                MeshNode b = MeshNode.builder().transport(net.transport("b")).build()) {
            a.start();
            b.start();
            assertEquals(List.of(PeerAddress.local("a")), a.listenAddresses());
            b.connect(PeerAddress.local("a")).get(5, TimeUnit.SECONDS);
            // The link makes a known at once; its addresses come with its ANNOUNCE.
            Await.until(WAIT, () -> b.nodes().stream().anyMatch(n -> n.id().equals(a.id())
                    && !n.addresses().isEmpty()), "a's announce to reach b");
            NodeInfo seen = b.nodes().stream().filter(n -> n.id().equals(a.id())).findFirst()
                    .orElseThrow();
            assertEquals(List.of(PeerAddress.local("a")), seen.addresses());
        }
    }
}
