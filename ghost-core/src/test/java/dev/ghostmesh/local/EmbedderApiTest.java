package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.Identity;
import dev.ghostmesh.Message;
import dev.ghostmesh.NodeStatus;
import dev.ghostmesh.Registration;
import dev.ghostmesh.local.VirtualMesh.Node;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The small conveniences an embedder expects: one-callback message registration, the listen
 * addresses, one name for a node's id, and a status snapshot that can grow without breaking
 * the code that builds or reads it.
 */
class EmbedderApiTest {
    @Test
    void onMessageHandsEveryChatMessageToOneCallbackUntilClosed() throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            Node a = mesh.start("ea", UnaryOperator.identity());
            Node b = mesh.start("eb", UnaryOperator.identity());
            mesh.link(a, b);
            List<Message> got = new CopyOnWriteArrayList<>();
            Registration r = b.node().onMessage(got::add);
            mesh.await(a.node().broadcast("one"));
            mesh.runUntil(() -> got.size() == 1, "the broadcast");
            mesh.await(a.node().sendPrivate(b.node().id(), "two"));
            mesh.runUntil(() -> got.size() == 2, "the private message");
            assertEquals(List.of("one", "two"), got.stream().map(Message::text).toList());
            r.close();
            mesh.await(a.node().broadcast("three"));
            mesh.runUntil(() -> b.count("three") == 1, "the listener of the mesh to get it");
            assertEquals(2, got.size(), "a closed registration gets nothing more");
        }
    }

    @Test
    void aNodeListsWhereItListensAndIsKnownByOneId() throws Exception {
        try (VirtualMesh mesh = new VirtualMesh()) {
            Node a = mesh.start("la", UnaryOperator.identity());
            assertEquals(List.of(a.address()), a.node().listenAddresses());
            assertEquals(a.node().id(), a.node().identity().id());
            assertEquals(a.node().id(), a.node().status().id());
        }
    }

    @Test
    void aStatusIsBuiltFieldByFieldAndComparedByValue() {
        Identity id = Identity.generate();
        NodeStatus.Builder b = NodeStatus.builder().id(id.id()).username("u")
                .codename(id.codename()).uptime(Duration.ofSeconds(3))
                .signatureProvider("BouncyCastle").messagesSent(7);
        NodeStatus s = b.build();
        assertEquals(7, s.messagesSent());
        assertEquals(0, s.packetsRelayed(), "what is not set is zero");
        assertEquals(List.of(), s.listening());
        assertEquals(s, b.build());
        assertEquals(s.hashCode(), b.build().hashCode());
        assertNotEquals(s, b.messagesSent(8).build());
        assertTrue(s.toString().contains("messagesSent=7"), s.toString());
        assertThrows(NullPointerException.class, () -> NodeStatus.builder().build(),
                "an id is required");
        assertFalse(s.equals(null));
    }
}
