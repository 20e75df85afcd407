package dev.ghostmesh.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ghostmesh.internal.crypto.NoiseVectors.Message;
import dev.ghostmesh.internal.crypto.NoiseVectors.Vector;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link NoiseHandshake} and {@link LinkCipher} reproduce the published
 * {@code Noise_XX_25519_ChaChaPoly_SHA256} test vectors of three independent Noise
 * implementations (cacophony, noise-c, flynn/noise) byte for byte: every handshake message,
 * every transport message after the split, and the handshake hash where the vector gives it.
 */
class NoiseVectorsTest {
    static List<Vector> vectors() {
        List<Vector> all = new ArrayList<>();
        all.add(NoiseVectors.json("cacophony.txt"));
        all.add(NoiseVectors.json("noise-c-basic.txt"));
        all.addAll(NoiseVectors.flynn("flynn-noise.txt"));
        return all;
    }

    @Test
    void allCopiedVectorsAreLoadedWithAndWithoutPrologue() {
        List<Vector> all = vectors();
        assertEquals(6, all.size(), "1 cacophony + 1 noise-c + 4 flynn/noise vectors");
        assertEquals(2, all.stream().filter(v -> v.prologue().length == 0).count());
        assertEquals(1, all.stream().filter(v -> v.handshakeHash() != null).count());
        for (Vector v : all) {
            assertTrue(v.messages().size() > 3, v + " has transport messages");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void reproducesEveryMessageOfThePublishedVector(Vector v) throws CryptoException {
        NoiseHandshake initiator = NoiseHandshake.withFixedEphemeral(true, v.prologue(),
                v.initStatic(), v.initEphemeral());
        NoiseHandshake responder = NoiseHandshake.withFixedEphemeral(false, v.prologue(),
                v.respStatic(), v.respEphemeral());
        List<Message> messages = v.messages();
        for (int i = 0; i < 3; i++) {
            Message m = messages.get(i);
            NoiseHandshake writer = m.fromInitiator() ? initiator : responder;
            NoiseHandshake reader = m.fromInitiator() ? responder : initiator;
            byte[] wire = writer.write(m.payload());
            assertEquals(HexFormat.of().formatHex(m.ciphertext()), HexFormat.of().formatHex(wire),
                    "handshake message " + i);
            assertArrayEquals(m.payload(), reader.read(wire), "payload of message " + i);
        }
        assertTrue(initiator.done() && responder.done(), "XX is three messages");
        assertArrayEquals(publicKey(v.respStatic()), initiator.remoteStatic());
        assertArrayEquals(publicKey(v.initStatic()), responder.remoteStatic());
        assertArrayEquals(initiator.handshakeHash(), responder.handshakeHash());
        if (v.handshakeHash() != null) {
            assertEquals(HexFormat.of().formatHex(v.handshakeHash()),
                    HexFormat.of().formatHex(initiator.handshakeHash()), "handshake hash");
        }

        LinkCipher initiatorCipher = initiator.split();
        LinkCipher responderCipher = responder.split();
        for (int i = 3; i < messages.size(); i++) {
            Message m = messages.get(i);
            LinkCipher sender = m.fromInitiator() ? initiatorCipher : responderCipher;
            LinkCipher receiver = m.fromInitiator() ? responderCipher : initiatorCipher;
            byte[] frame = sender.encrypt(m.payload());
            assertEquals(HexFormat.of().formatHex(m.ciphertext()),
                    HexFormat.of().formatHex(frame), "transport message " + i);
            assertArrayEquals(m.payload(), receiver.decrypt(frame), "payload of message " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void aReplayedOrAlteredTransportMessageIsRejected(Vector v) throws CryptoException {
        NoiseHandshake initiator = NoiseHandshake.withFixedEphemeral(true, v.prologue(),
                v.initStatic(), v.initEphemeral());
        NoiseHandshake responder = NoiseHandshake.withFixedEphemeral(false, v.prologue(),
                v.respStatic(), v.respEphemeral());
        responder.read(initiator.write(new byte[0]));
        initiator.read(responder.write(new byte[0]));
        responder.read(initiator.write(new byte[0]));
        LinkCipher sending = initiator.split();
        LinkCipher receiving = responder.split();

        byte[] first = sending.encrypt(new byte[] {1, 2, 3});
        byte[] altered = first.clone();
        altered[0] ^= 1;
        assertThrows(CryptoException.class, () -> receiving.decrypt(altered));
        // A failed frame leaves the receiver where it was: the genuine frame still opens once.
        assertArrayEquals(new byte[] {1, 2, 3}, receiving.decrypt(first));
        assertThrows(CryptoException.class, () -> receiving.decrypt(first), "replay");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void aDifferentPrologueOnOneSideFailsTheHandshake(Vector v) throws CryptoException {
        byte[] otherPrologue = (v.prologue().length == 0) ? new byte[] {0} : new byte[0];
        NoiseHandshake initiator = NoiseHandshake.withFixedEphemeral(true, v.prologue(),
                v.initStatic(), v.initEphemeral());
        NoiseHandshake responder = NoiseHandshake.withFixedEphemeral(false, otherPrologue,
                v.respStatic(), v.respEphemeral());
        responder.read(initiator.write(new byte[0]));
        byte[] second = responder.write(new byte[0]);
        assertThrows(CryptoException.class, () -> initiator.read(second));
    }

    private static byte[] publicKey(byte[] privateKey) {
        byte[] pub = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(privateKey, 0, pub, 0);
        return pub;
    }
}
