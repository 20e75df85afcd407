package dev.ghostmesh.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.MeshNode;
import dev.ghostmesh.PeerAddress;
import dev.ghostmesh.SignatureProvider;
import dev.ghostmesh.internal.crypto.Ed25519Providers;
import dev.ghostmesh.testing.Await;
import dev.ghostmesh.testing.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The builder's choice of Ed25519 implementation reaches the node and its status, and nodes
 * with different implementations mesh: each checks, with its own implementation, handshake
 * signatures and packets the other signed with its own.
 */
class SignatureProviderNodeTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final LocalNetwork network = LocalNetwork.create();
    private final List<MeshNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(MeshNode::close);
        network.close();
    }

    private MeshNode start(String name, MeshNode.Builder builder, RecordingListener events) {
        MeshNode node = builder.username(name).transport(network.transport(name)).build();
        node.addListener(events);
        node.start();
        nodes.add(node);
        return node;
    }

    private static boolean linuxX86() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    @Test
    void byDefaultANodeRunsLibsodiumWhereItLoadsAndSaysSo() {
        MeshNode node = start("auto", MeshNode.builder(), new RecordingListener());
        assertEquals(Ed25519Providers.automatic().name(), node.status().signatureProvider());
        if (linuxX86()) {
            assertTrue(node.status().signatureProvider().startsWith("libsodium "),
                    node.status().signatureProvider());
        }
    }

    @Test
    void bouncyCastleCanBeChosenAndReported() {
        MeshNode node = start("bc",
                MeshNode.builder().signatures(SignatureProvider.BOUNCY_CASTLE),
                new RecordingListener());
        assertEquals("BouncyCastle", node.status().signatureProvider());
    }

    @Test
    void nativeIsReportedWhenAvailableAndElseRefusedAtBuild() {
        MeshNode.Builder builder = MeshNode.builder().signatures(SignatureProvider.NATIVE);
        if (Ed25519Providers.nativeProvider().isPresent()) {
            MeshNode node = start("native", builder, new RecordingListener());
            assertTrue(node.status().signatureProvider().startsWith("libsodium "));
        } else {
            assertThrows(IllegalStateException.class, builder::build);
        }
    }

    @Test
    void nodesWithDifferentImplementationsMeshAndCheckEachOthersSignatures() throws Exception {
        // bc - relay - other: each end's packets reach the other only relayed, so the far end
        // verifies them (a direct neighbour's own packets need no check).
        RecordingListener atBc = new RecordingListener();
        RecordingListener atOther = new RecordingListener();
        MeshNode bc = start("bc", MeshNode.builder().signatures(SignatureProvider.BOUNCY_CASTLE),
                atBc);
        MeshNode relay = start("relay", MeshNode.builder(), new RecordingListener());
        MeshNode other = start("other", MeshNode.builder().signatures(SignatureProvider.AUTO),
                atOther);
        bc.connect(PeerAddress.local("relay")).get(5, TimeUnit.SECONDS);
        other.connect(PeerAddress.local("relay")).get(5, TimeUnit.SECONDS);
        bc.broadcast("from bouncy castle").get(5, TimeUnit.SECONDS);
        other.broadcast("from the default").get(5, TimeUnit.SECONDS);
        Await.until(WAIT, () -> atOther.count("from bouncy castle") == 1, "bc's message");
        Await.until(WAIT, () -> atBc.count("from the default") == 1, "the other's message");
        assertTrue(bc.status().signaturesVerified() >= 1, bc.status().toString());
        assertTrue(other.status().signaturesVerified() >= 1, other.status().toString());
        assertEquals(0, bc.status().invalidDropped());
        assertEquals(0, other.status().invalidDropped());
    }
}
